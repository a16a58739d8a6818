package net.vdn.softswitch.p4rt;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import net.vdn.p4runtime.proto.v1.DigestEntry;
import net.vdn.p4runtime.proto.v1.Entity;
import net.vdn.p4runtime.proto.v1.ForwardingPipelineConfig;
import net.vdn.p4runtime.proto.v1.SetForwardingPipelineConfigRequest;
import net.vdn.p4runtime.proto.v1.Update;
import net.vdn.softswitch.Digest;
import net.vdn.softswitch.OutputPacket;
import net.vdn.softswitch.port.LinuxInterfacePort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One softswitch: a device id, a CPU port, the pipeline in force, dataplane workers that run
 * packets through it (several in parallel, one flow always on the same one: {@link Dataplane}), and
 * a P4Runtime server. Packets leaving on data ports go to the egress handler (a virtual link, a
 * relay, a test) or out of the Linux interface a port is bound to; packets to the CPU port become
 * packet-ins.
 */
public final class SoftswitchDevice implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SoftswitchDevice.class);

  private final long deviceId;
  private final int cpuPort;
  private final P4RuntimeService service;
  private final Map<Integer, DigestEntry.Config> digests = Writes.newDigestTable();
  private final Dataplane dataplane;
  private final java.util.concurrent.ScheduledExecutorService ageing =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("softswitch-ageing").factory());
  private volatile Pipeline pipeline;
  private Pipeline saved;
  private volatile BiConsumer<Integer, byte[]> egress = (port, bytes) -> {};
  private final net.vdn.softswitch.port.Ports ports = new net.vdn.softswitch.port.Ports();
  private final Map<Integer, LinuxInterfacePort> interfaces = new ConcurrentHashMap<>();
  private Server server;

  /** Frames each worker's queue holds; a frame that finds it full is dropped and counted. */
  public static final int QUEUE_FRAMES = 8192;

  /**
   * A switch with the default number of workers: one per core, but no more than it has ports
   * (counted as they are declared).
   */
  public SoftswitchDevice(long deviceId, int cpuPort) {
    this(deviceId, cpuPort, 0);
  }

  /**
   * A switch whose frames are processed by {@code workers} threads in parallel (1: all on one
   * thread, in arrival order; 0: the default, one per core but no more than it has ports).
   */
  public SoftswitchDevice(long deviceId, int cpuPort, int workers) {
    if (workers < 0) {
      throw new IllegalArgumentException("workers must be 0 (default) or more, got " + workers);
    }
    this.deviceId = deviceId;
    this.cpuPort = cpuPort;
    this.service = new P4RuntimeService(this);
    int cores = Runtime.getRuntime().availableProcessors();
    this.dataplane =
        new Dataplane(
            deviceId,
            cpuPort,
            workers == 0 ? cores : workers,
            workers == 0 ? () -> ports.count() : () -> Integer.MAX_VALUE,
            QUEUE_FRAMES,
            new Dataplane.Output() {
              @Override
              public Pipeline pipeline() {
                return pipeline;
              }

              @Override
              public void emit(Pipeline p, List<OutputPacket> out) {
                SoftswitchDevice.this.emit(p, out);
              }

              @Override
              public void dropped(int port, int length) {
                ports.discardAdmitted(port, length);
              }
            });
    ageing.scheduleWithFixedDelay(this::sweepIdleEntries, 50, 50, TimeUnit.MILLISECONDS);
    ageing.scheduleWithFixedDelay(this::countKernelDrops, 100, 100, TimeUnit.MILLISECONDS);
  }

  /** The number of dataplane worker threads. */
  public int workers() {
    return dataplane.workers();
  }

  /** Adds the frames the kernel dropped at bound interfaces' full queues to the ports' discards. */
  private void countKernelDrops() {
    for (LinuxInterfacePort bound : interfaces.values()) {
      long drops = bound.kernelDropsSinceLastCall();
      if (drops > 0) {
        ports.discarded(bound.port(), drops);
      }
    }
  }

  /** Finds entries past their idle timeout and reports them, once each until hit again. */
  private void sweepIdleEntries() {
    Pipeline p = pipeline;
    if (p == null) {
      return;
    }
    var ageing =
        p.p4info().tables().all().stream()
            .filter(
                t ->
                    t.proto().getIdleTimeoutBehavior()
                        == net.vdn.p4runtime.proto.config.v1.Table.IdleTimeoutBehavior
                            .NOTIFY_CONTROL)
            .toList();
    if (ageing.isEmpty()) {
      // Nothing can age: taking the switch lock would only hold every worker back.
      return;
    }
    List<net.vdn.p4runtime.proto.v1.TableEntry> idle = new ArrayList<>();
    Reads reads = new Reads(p, digests);
    p.engine().lock().lock();
    try {
      for (var t : ageing) {
        var table = p.engine().table(t.name());
        for (var entry : table.newlyIdle()) {
          idle.add(reads.entry(t, table, entry));
        }
      }
    } catch (RuntimeException e) {
      log.warn("softswitch {}: idle sweep failed: {}", deviceId, e.toString());
    } finally {
      p.engine().lock().unlock();
    }
    if (!idle.isEmpty()) {
      service.idle(idle);
    }
  }

  public long deviceId() {
    return deviceId;
  }

  /** Serves P4Runtime on host:port (port 0 picks a free one); returns the bound port. */
  public synchronized int serve(String host, int port) throws IOException {
    return serve(host, port, null);
  }

  /** Serves P4Runtime and gNMI over TLS ({@code tls} null: plaintext); returns the bound port. */
  public synchronized int serve(String host, int port, ServerTls tls) throws IOException {
    server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(host, port),
                tls == null ? InsecureServerCredentials.create() : tls.credentials())
            .maxInboundMessageSize(256 << 20)
            .addService(service)
            .addService(new net.vdn.softswitch.gnmi.GnmiService(ports))
            .build()
            .start();
    log.info(
        "softswitch {}: P4Runtime on {}:{}{}",
        deviceId,
        host,
        server.getPort(),
        tls == null ? "" : tls.mutual() ? " (mutual TLS)" : " (TLS)");
    return server.getPort();
  }

  /**
   * Loads and commits a pipeline without a controller (for a standalone switch); the cookie is
   * derived from the contents as {@code PipelineConfig.of} does.
   */
  public synchronized void load(net.vdn.p4runtime.proto.config.v1.P4Info p4info, byte[] json) {
    var config = net.vdn.p4runtime.PipelineConfig.of(p4info, json);
    swap(Pipeline.load(p4info, json, config.cookie(), cpuPort, this::onDigest));
  }

  /**
   * Serves P4Runtime (and gNMI) on a Unix domain socket, for a switch in a network namespace of its
   * own whose controller runs outside it.
   */
  public synchronized void serveUnix(String path) throws IOException {
    var group = new io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup(2);
    server =
        NettyServerBuilder.forAddress(
                new io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress(path))
            .channelType(
                io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(group)
            .workerEventLoopGroup(group)
            .maxInboundMessageSize(256 << 20)
            .addService(service)
            .addService(new net.vdn.softswitch.gnmi.GnmiService(ports))
            .build()
            .start();
    log.info("softswitch {}: P4Runtime on unix://{}", deviceId, path);
  }

  /**
   * Binds data port {@code port} to Linux interface {@code ifname} through a raw packet socket:
   * frames arriving on the interface come in on the port (VLAN tags kept), and frames leaving the
   * port go out of the interface instead of to the {@link #onEgress egress handler}. The port is
   * declared (named by its number, 10 Gb/s) when it was not. Closing the binding releases the
   * interface (the port's frames go to the egress handler again); closing the switch closes its
   * bindings.
   *
   * @throws IllegalStateException when the port is already bound to an interface
   * @throws UnsupportedOperationException on an operating system other than Linux
   * @throws IOException when the interface does not exist or the socket cannot be opened (no root
   *     or CAP_NET_RAW); the message names the interface and the errno
   */
  public LinuxInterfacePort bindInterface(int port, String ifname) throws IOException {
    synchronized (interfaces) {
      LinuxInterfacePort existing = interfaces.get(port);
      if (existing != null && existing.isOpen()) {
        throw new IllegalStateException(
            "port " + port + " is already bound to interface " + existing.interfaceName());
      }
      LinuxInterfacePort bound =
          LinuxInterfacePort.open(
              port,
              ifname,
              (p, frame) -> {
                if (ports.admitIn(p, frame.length)) {
                  dataplane.offer(p, frame);
                }
              });
      try {
        if (ports.byNumber(port) == null) {
          ports.add(port, String.valueOf(port), 10_000_000_000L);
        }
      } catch (IllegalArgumentException e) {
        bound.close();
        throw e;
      }
      interfaces.put(port, bound);
      return bound;
    }
  }

  /** Where packets leaving data ports go: (egress port, frame). */
  public void onEgress(BiConsumer<Integer, byte[]> handler) {
    this.egress = handler;
  }

  /**
   * A frame arriving on a port; processed by the worker of its flow, or dropped and counted (the
   * port's in-discards) when that worker's queue is full.
   */
  public void receive(int port, byte[] frame) {
    if (ports.admitIn(port, frame.length)) {
      dataplane.offer(port, frame.clone());
    }
  }

  /** The switch's declared ports (for gNMI, emulation and counters). */
  public net.vdn.softswitch.port.Ports ports() {
    return ports;
  }

  /** A packet-out, processed after the ones sent before it. */
  void inject(int port, byte[] frame) {
    dataplane.offer(port, frame);
  }

  /** Frames dropped because their worker's queue was full. */
  public long droppedFrames() {
    return dataplane.dropped();
  }

  /** Sends what a batch of frames produced: packet-ins, frames out of interfaces or links. */
  private void emit(Pipeline p, List<OutputPacket> out) {
    Map<Integer, List<byte[]>> toInterfaces = null;
    for (OutputPacket o : out) {
      if (o.port() == cpuPort) {
        service.packetIn(p, o.bytes());
      } else if (ports.admitOut(o.port(), o.bytes().length)) {
        LinuxInterfacePort bound = interfaces.get(o.port());
        if (bound != null && bound.isOpen()) {
          if (toInterfaces == null) {
            toInterfaces = new java.util.TreeMap<>();
          }
          toInterfaces.computeIfAbsent(o.port(), k -> new ArrayList<>()).add(o.bytes());
        } else {
          egress.accept(o.port(), o.bytes());
        }
      }
    }
    if (toInterfaces != null) {
      for (var e : toInterfaces.entrySet()) {
        LinuxInterfacePort bound = interfaces.get(e.getKey());
        if (bound != null) {
          bound.send(e.getValue());
        }
      }
    }
  }

  Pipeline pipeline() {
    return pipeline;
  }

  /**
   * The engine running the pipeline in force, or null before one is set: for benchmarks and tests
   * that drive the data plane directly. Hold its lock for control-plane calls.
   */
  public net.vdn.softswitch.Switch engine() {
    Pipeline p = pipeline;
    return p == null ? null : p.engine();
  }

  Map<Integer, DigestEntry.Config> digests() {
    return digests;
  }

  private void onDigest(Digest d) {
    Pipeline p = pipeline;
    if (p != null) {
      service.digest(p, digests, d);
    }
  }

  /** Applies a SetForwardingPipelineConfig action; returns the error status or null. */
  synchronized Status setPipeline(
      SetForwardingPipelineConfigRequest.Action action, ForwardingPipelineConfig config) {
    if (action == SetForwardingPipelineConfigRequest.Action.COMMIT) {
      if (saved == null) {
        return Status.FAILED_PRECONDITION.withDescription(
            "COMMIT without a saved pipeline (VERIFY_AND_SAVE first)");
      }
      swap(saved);
      saved = null;
      return null;
    }
    if (action == SetForwardingPipelineConfigRequest.Action.UNSPECIFIED
        || action == SetForwardingPipelineConfigRequest.Action.UNRECOGNIZED) {
      return Status.INVALID_ARGUMENT.withDescription("no pipeline action given");
    }
    if (config == null || !config.hasP4Info()) {
      return Status.INVALID_ARGUMENT.withDescription(action + " needs a config with P4Info");
    }
    Pipeline next;
    try {
      next =
          Pipeline.load(
              config.getP4Info(),
              config.getP4DeviceConfig().toByteArray(),
              config.getCookie().getCookie(),
              cpuPort,
              this::onDigest);
    } catch (IllegalArgumentException e) {
      return Status.INVALID_ARGUMENT.withDescription(e.getMessage());
    } catch (RuntimeException e) {
      log.warn("softswitch {}: cannot load the pipeline", deviceId, e);
      return Status.INVALID_ARGUMENT.withDescription("cannot load the pipeline: " + e);
    }
    switch (action) {
      case VERIFY -> {}
      case VERIFY_AND_SAVE -> saved = next;
      case VERIFY_AND_COMMIT -> swap(next);
      case RECONCILE_AND_COMMIT -> {
        String failure = replay(pipeline, next);
        if (failure != null) {
          return Status.FAILED_PRECONDITION.withDescription("cannot reconcile: " + failure);
        }
        Pipeline old = pipeline;
        pipeline = next;
        log.info(
            "softswitch {}: pipeline reconciled (cookie {} -> {})",
            deviceId,
            old == null ? "none" : Long.toHexString(old.cookie()),
            Long.toHexString(next.cookie()));
      }
      default -> {
        return Status.INVALID_ARGUMENT.withDescription("unknown pipeline action " + action);
      }
    }
    return null;
  }

  private void swap(Pipeline next) {
    pipeline = next;
    digests.clear();
    log.info(
        "softswitch {}: pipeline committed (cookie {})", deviceId, Long.toHexString(next.cookie()));
  }

  /** Copies the old pipeline's forwarding state into the new one; returns why not, or null. */
  private String replay(Pipeline old, Pipeline next) {
    if (old == null) {
      return null;
    }
    List<Update> updates = new ArrayList<>();
    Reads reads = new Reads(old, digests);
    List<Entity> filters =
        List.of(
            Entity.newBuilder()
                .setActionProfileMember(
                    net.vdn.p4runtime.proto.v1.ActionProfileMember.getDefaultInstance())
                .build(),
            Entity.newBuilder()
                .setActionProfileGroup(
                    net.vdn.p4runtime.proto.v1.ActionProfileGroup.getDefaultInstance())
                .build(),
            Entity.newBuilder()
                .setTableEntry(net.vdn.p4runtime.proto.v1.TableEntry.getDefaultInstance())
                .build(),
            Entity.newBuilder()
                .setPacketReplicationEngineEntry(
                    net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry.newBuilder()
                        .setMulticastGroupEntry(
                            net.vdn.p4runtime.proto.v1.MulticastGroupEntry.getDefaultInstance()))
                .build(),
            Entity.newBuilder()
                .setPacketReplicationEngineEntry(
                    net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry.newBuilder()
                        .setCloneSessionEntry(
                            net.vdn.p4runtime.proto.v1.CloneSessionEntry.getDefaultInstance()))
                .build());
    old.engine().lock().lock();
    try {
      for (Entity f : filters) {
        reads.read(
            f,
            e -> updates.add(Update.newBuilder().setType(Update.Type.INSERT).setEntity(e).build()));
      }
    } catch (UpdateError e) {
      return e.getMessage();
    } finally {
      old.engine().lock().unlock();
    }
    Writes writes = new Writes(next, digests);
    for (Update u : updates) {
      try {
        writes.apply(u);
      } catch (UpdateError e) {
        return e.getMessage();
      }
    }
    return null;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.shutdownNow();
      try {
        // The listening socket is closed once the server has terminated: a switch started next on
        // the same address can bind it.
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (interfaces) {
      interfaces.values().forEach(LinuxInterfacePort::close);
      interfaces.clear();
    }
    dataplane.close();
    ageing.shutdownNow();
  }
}
