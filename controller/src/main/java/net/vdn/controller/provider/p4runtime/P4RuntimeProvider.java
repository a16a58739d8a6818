package net.vdn.controller.provider.p4runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.DeviceState;
import net.vdn.controller.device.InboundPacket;
import net.vdn.controller.device.Port;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.controller.device.SliceDevice;
import net.vdn.controller.device.spi.DeviceProvider;
import net.vdn.controller.device.spi.Mastership;
import net.vdn.controller.error.DeviceRefusedException;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.ElectionId;
import net.vdn.p4runtime.Entities;
import net.vdn.p4runtime.MastershipEvent;
import net.vdn.p4runtime.NotPrimaryException;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.TargetException;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.pipeconf.SlicingPipeline;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P4Runtime devices: connects to each as primary (retrying at a short, capped interval while it
 * is unreachable), makes sure it runs the slicing pipeline (by cookie), learns its ports over gNMI
 * (or from its config) and follows their state, and — on every (re)connect once reconciliation is
 * armed — reads the device back and brings it to exactly its mirror before slices may use it.
 */
public final class P4RuntimeProvider implements DeviceProvider {
  private static final Logger log = LoggerFactory.getLogger(P4RuntimeProvider.class);

  /** How long to wait between attempts to reach a device that does not answer: short, capped. */
  static final Duration RETRY_MIN = Duration.ofMillis(50);

  static final Duration RETRY_MAX = Duration.ofMillis(250);

  /**
   * The election id the controller claims primary with: above the default of other clients (1), so
   * that a tool reading the device alongside never takes it over.
   */
  static final long ELECTION_ID = 10;

  private final Map<String, P4Device> devices = new ConcurrentHashMap<>();
  private final List<SliceRule> baseRules;
  private final DeviceListener events;
  private final Duration sampleInterval;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-p4runtime").factory());
  private final P4InfoIndex mirrorCodecIndex = P4InfoIndex.of(SlicingPipeline.config().p4info());
  private final Entities mirrorCodec = Entities.of(mirrorCodecIndex);
  private volatile boolean reconcileOnConnect;
  private final Mastership mastership;
  private final java.util.concurrent.atomic.AtomicBoolean following =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * @param baseRules rules every device holds whatever the slices (the LLDP punt, the ARP copy)
   * @param events where devices, ports and packets are reported
   * @param sampleInterval how often gNMI samples port counters
   */
  public P4RuntimeProvider(
      List<SliceRule> baseRules, DeviceListener events, Duration sampleInterval) {
    this(baseRules, events, sampleInterval, Mastership.SOLE);
  }

  /**
   * A provider in a cluster: each device is connected as master with an election id made from its
   * mastership term (the term in the high word), or as backup below every term, and reconnected
   * whenever the role changes; a new master brings the device to what the store says it should hold
   * before anything else is written.
   */
  public P4RuntimeProvider(
      List<SliceRule> baseRules,
      DeviceListener events,
      Duration sampleInterval,
      Mastership mastership) {
    this.mastership = mastership;
    this.baseRules = List.copyOf(baseRules);
    this.events = events;
    this.sampleInterval = sampleInterval;
  }

  @Override
  public boolean owns(String device) {
    return devices.containsKey(device);
  }

  @Override
  public boolean accepts(DeviceConfig config) {
    return DeviceConfig.P4RUNTIME.equals(config.driver());
  }

  @Override
  public Device open(DeviceConfig config) {
    if (following.compareAndSet(false, true)) {
      mastership.addListener(name -> executor.execute(() -> roleChanged(name)));
    }
    P4Device d = new P4Device(config, new DeviceMirror(mirrorCodec));
    P4SliceDevice.expect(d.mirror(), baseRules);
    if (config.gnmi() == null) {
      Map<Integer, Port> ports = new HashMap<>();
      if (config.ports() != null) {
        for (int p : config.ports()) {
          ports.put(p, new Port(p, String.valueOf(p), config.speedOrDefault(), true, true, -1));
        }
      }
      d.setPorts(ports);
    }
    devices.put(config.name(), d);
    events.deviceChanged(null, d.snapshot());
    executor.execute(() -> connect(d, RETRY_MIN));
    return d.snapshot();
  }

  @Override
  public void remove(String name) {
    P4Device d = devices.remove(name);
    if (d == null) {
      throw new NotFoundException("no device '" + name + "'");
    }
    Device before = d.snapshot();
    disconnect(d);
    events.deviceChanged(before, null);
  }

  @Override
  public List<Device> devices() {
    return devices.values().stream()
        .sorted(Comparator.comparing(P4Device::name))
        .map(P4Device::snapshot)
        .toList();
  }

  @Override
  public Optional<Device> device(String name) {
    return Optional.ofNullable(devices.get(name)).map(P4Device::snapshot);
  }

  @Override
  public Map<Integer, Port> ports(String device) {
    return get(device).ports();
  }

  @Override
  public Port setPortEnabled(String name, int port, boolean enabled) {
    P4Device d = get(name);
    GnmiPorts g = d.gnmi;
    if (g == null) {
      throw new DeviceUnavailableException(
          "device " + name + " has no gNMI connection to turn port " + port + " up or down");
    }
    try {
      g.setEnabled(port, enabled);
    } catch (RuntimeException e) {
      throw translate(name, e);
    }
    Port before = d.port(port);
    Port after = d.updatePort(port, p -> p.withState(enabled, p.up() && enabled));
    log.info("device {}: port {} {}", name, port, enabled ? "enabled" : "disabled");
    if (before != null && !before.equals(after)) {
      events.portChanged(name, before, after);
    }
    return after;
  }

  @Override
  public boolean packetOut(ConnectPoint port, byte[] frame) {
    P4Device d = devices.get(port.device());
    P4RuntimeClient c = d == null ? null : d.availableClient();
    if (c == null) {
      return false;
    }
    c.sendPacket(frame, Map.of("egress_port", Value.of(port.port()), "do_forwarding", Value.ZERO));
    return true;
  }

  @Override
  public ReconcileReport reconcile(String name) {
    P4Device d = get(name);
    if (d.availableClient() == null) {
      throw new DeviceUnavailableException(unavailable(d));
    }
    try {
      return reconcile(d);
    } catch (RuntimeException e) {
      throw translate(name, e);
    }
  }

  @Override
  public SliceDevice programmable(String name) {
    P4Device d = devices.get(name);
    if (d == null) {
      throw new DeviceUnavailableException("device " + name + " is not known to the controller");
    }
    P4RuntimeClient c = d.availableClient();
    if (c == null) {
      throw new DeviceUnavailableException(unavailable(d));
    }
    return new P4SliceDevice(name, c, d.mirror());
  }

  private static String unavailable(P4Device d) {
    return "device "
        + d.name()
        + " is unreachable ("
        + d.state().name().toLowerCase()
        + (d.lastError() == null ? "" : ": " + d.lastError())
        + ")";
  }

  @Override
  public void expect(String name, List<SliceRule> rules) {
    P4SliceDevice.expect(get(name).mirror(), rules);
  }

  @Override
  public Map<String, ReconcileReport> reconcileAll() {
    Map<String, ReconcileReport> reports = new LinkedHashMap<>();
    try {
      executor
          .submit(
              () -> {
                reconcileOnConnect = true;
                for (P4Device d : sorted()) {
                  if (d.state() == DeviceState.AVAILABLE) {
                    reports.put(d.name(), reconcile(d));
                  }
                }
              })
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("reconciliation failed: " + e.getCause().getMessage(), e);
    }
    return reports;
  }

  private List<P4Device> sorted() {
    return devices.values().stream().sorted(Comparator.comparing(P4Device::name)).toList();
  }

  private P4Device get(String name) {
    P4Device d = devices.get(name);
    if (d == null) {
      throw new NotFoundException("no device '" + name + "'");
    }
    return d;
  }

  // ---------------------------------------------------------------- connection life cycle

  private void connect(P4Device d, Duration retry) {
    if (devices.get(d.name()) != d || d.client != null) {
      return;
    }
    DeviceConfig c = d.config();
    Mastership.Role role = mastership.role(c.name());
    d.role = role;
    try {
      P4RuntimeClient client =
          P4RuntimeClient.connect(
              DeviceTls.apply(ClientOptions.builder(c.p4runtime()), c.tls())
                  .name(c.name())
                  .deviceId(c.deviceId())
                  .electionId(electionId(role))
                  .rpcTimeout(Duration.ofSeconds(10))
                  .reconnectDelay(RETRY_MIN, RETRY_MAX)
                  .build());
      d.client = client;
      if (mastership.clustered()) {
        // A backup may be made the switch's primary (its master gone): it then receives packet-ins,
        // named by the pipeline every device runs.
        client.useP4Info(mirrorCodecIndex);
      }
      client.onMastership(e -> executor.execute(() -> onMastership(d, client, e)));
      client.packetIns().subscribe(in -> events.packetIn(inbound(d.name(), in)));
      log.info(
          "device {}: connected to {}{}",
          d.name(),
          c.p4runtime(),
          mastership.clustered()
              ? role.master() ? " as master at term " + role.term() : " as backup"
              : "");
      if (client.isPrimary() && mayWrite(d)) {
        becomePrimary(d);
      } else {
        change(d, DeviceState.BACKUP, backupReason(d));
        if (mastership.clustered() && c.gnmi() != null && d.gnmi == null) {
          try {
            openGnmi(d);
          } catch (RuntimeException e) {
            log.warn("device {}: no gNMI view as backup yet: {}", d.name(), e.getMessage());
          }
        }
      }
    } catch (RuntimeException e) {
      String before = d.lastError();
      String why = DeviceTls.reason(c, e);
      change(d, DeviceState.CONNECTING, why);
      if (!Objects.equals(before, why)) {
        log.warn("device {} ({}): cannot connect (retrying): {}", d.name(), c.p4runtime(), why);
      }
      Duration next =
          retry.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : retry.multipliedBy(2);
      executor.schedule(() -> connect(d, next), retry.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static InboundPacket inbound(String device, PacketIn in) {
    return new InboundPacket(
        new ConnectPoint(device, (int) in.get("ingress_port").toLong()), in.payload());
  }

  private void onMastership(P4Device d, P4RuntimeClient client, MastershipEvent e) {
    if (d.client != client || devices.get(d.name()) != d) {
      return;
    }
    switch (e) {
      case MastershipEvent.BecamePrimary p -> {
        if (!mayWrite(d)) {
          // The switch made this backup its primary (the master went away): it writes nothing
          // until the cluster makes it master, at a new term.
          change(d, DeviceState.BACKUP, backupReason(d));
        } else if (d.state() != DeviceState.AVAILABLE) {
          becomePrimary(d);
        }
      }
      case MastershipEvent.BecameBackup b ->
          lost(d, DeviceState.BACKUP, "another controller is primary (" + b + ")");
      case MastershipEvent.PrimaryLost l ->
          lost(d, DeviceState.CONNECTING, "connection lost: " + l.reason());
    }
  }

  private void lost(P4Device d, DeviceState state, String why) {
    change(d, state, why);
    log.warn("device {} ({}): {}", d.name(), d.config().p4runtime(), why);
  }

  private void becomePrimary(P4Device d) {
    P4RuntimeClient client = d.client;
    try {
      if (client.ensurePipeline(SlicingPipeline.config())) {
        d.stateLosses++;
        log.info("device {}: slicing pipeline pushed", d.name());
      }
      if (d.config().gnmi() != null && d.gnmi == null) {
        openGnmi(d);
      }
      if (mastership.clustered()) {
        // A new master: what the device should hold is what the shared store says now.
        synchronized (d.mirror()) {
          d.mirror().clear();
          P4SliceDevice.expect(d.mirror(), baseRules);
          P4SliceDevice.expect(d.mirror(), mastership.wanted(d.name()));
        }
      }
      if (reconcileOnConnect || mastership.clustered()) {
        ReconcileReport r = reconcile(d);
        if (r.inserted() > 0) {
          d.stateLosses++;
        }
      }
      if (!mayWrite(d) || d.client != client) {
        return;
      }
      change(d, DeviceState.AVAILABLE, null);
      if (mastership.clustered()) {
        mastership.ready(d.name(), d.role.term());
        log.info("device {}: available, mastered here at term {}", d.name(), d.role.term());
      } else {
        log.info("device {}: available", d.name());
      }
    } catch (RuntimeException e) {
      change(d, DeviceState.CONNECTING, e.getMessage());
      log.warn("device {}: not available: {}", d.name(), e.getMessage());
      executor.schedule(
          () -> {
            if (d.client == client && client.isPrimary() && mayWrite(d)) {
              becomePrimary(d);
            }
          },
          RETRY_MAX.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** The election id of a connection for a role: the term in the high word for a master. */
  private ElectionId electionId(Mastership.Role role) {
    if (!mastership.clustered()) {
      return ElectionId.of(ELECTION_ID);
    }
    return role.master() ? new ElectionId(role.term(), 0) : ElectionId.of(role.backupId());
  }

  /** Whether this controller may write to the device through its connection now. */
  private boolean mayWrite(P4Device d) {
    if (!mastership.clustered()) {
      return true;
    }
    Mastership.Role r = d.role;
    return r != null && r.master() && r.equals(mastership.role(d.name()));
  }

  private String backupReason(P4Device d) {
    return mastership.clustered()
        ? "mastered by another controller (term " + mastership.role(d.name()).term() + ")"
        : "another controller is primary";
  }

  /** The cluster changed this controller's role on a device: connect again for the new one. */
  private void roleChanged(String name) {
    P4Device d = devices.get(name);
    if (d == null) {
      return;
    }
    Mastership.Role now = mastership.role(name);
    if (now.equals(d.role)) {
      return;
    }
    if (d.role != null && d.role.master() && d.state() == DeviceState.AVAILABLE) {
      change(d, DeviceState.BACKUP, "no longer its master");
    }
    P4RuntimeClient c = d.client;
    d.client = null;
    if (c != null) {
      c.close();
    }
    connect(d, RETRY_MIN);
  }

  private void change(P4Device d, DeviceState state, String error) {
    Device before = d.snapshot();
    d.setState(state, error);
    Device after = d.snapshot();
    if (before.state() != after.state() && devices.get(d.name()) == d) {
      events.deviceChanged(before, after);
    }
  }

  private ReconcileReport reconcile(P4Device d) {
    ReconcileReport r;
    synchronized (d.mirror()) {
      r = new Reconciler().reconcile(d.name(), d.client, d.mirror());
    }
    d.lastReconcile = r;
    return r;
  }

  private void openGnmi(P4Device d) {
    GnmiPorts g = new GnmiPorts(d.name(), d.config().gnmi(), d.config().tls());
    try {
      d.setPorts(g.list(d.config().speedOrDefault()));
      g.watch(
          (port, up) -> {
            Port before = d.port(port);
            Port after = d.updatePort(port, p -> p.withState(p.enabled(), up));
            if (before != null && before.up() != up) {
              log.info("device {}: port {} is {}", d.name(), port, up ? "up" : "down");
              events.portChanged(d.name(), before, after);
            }
          },
          (port, bps) -> d.updatePort(port, p -> p.withOutBps(bps)),
          sampleInterval);
      d.gnmi = g;
      log.info("device {}: {} ports over gNMI", d.name(), d.ports().size());
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
  }

  private void disconnect(P4Device d) {
    d.setState(DeviceState.CONNECTING, "removed");
    P4RuntimeClient c = d.client;
    d.client = null;
    if (c != null) {
      c.close();
    }
    GnmiPorts g = d.gnmi;
    d.gnmi = null;
    if (g != null) {
      g.close();
    }
  }

  /**
   * A P4Runtime or gNMI failure as the controller reports it: unreachable (503), or refused by the
   * device (502), naming the device.
   */
  static RuntimeException translate(String device, RuntimeException e) {
    if (e instanceof DeviceUnavailableException || e instanceof DeviceRefusedException) {
      return e;
    }
    if (e instanceof TargetException t && t.code() == io.grpc.Status.Code.UNAVAILABLE) {
      return new DeviceUnavailableException(
          "device " + device + " is unreachable: " + t.getMessage());
    }
    if (e instanceof NotPrimaryException) {
      return new DeviceUnavailableException("device " + device + ": " + e.getMessage());
    }
    return new DeviceRefusedException("device " + device + " refused: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    new ArrayList<>(devices.values()).forEach(this::disconnect);
  }
}
