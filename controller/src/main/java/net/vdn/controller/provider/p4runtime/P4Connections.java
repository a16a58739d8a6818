package net.vdn.controller.provider.p4runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
import net.vdn.controller.device.spi.Mastership;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.ElectionId;
import net.vdn.p4runtime.MastershipEvent;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.pipeconf.SlicingPipeline;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of each P4Runtime device's connection, on one thread: connecting (retrying at a short,
 * capped interval while the device is unreachable), the pipeline by cookie, ports over gNMI, and
 * arbitration — as master at its term's election id or as backup, following the cluster's roles (a
 * backup made master claims primary again on the connection it holds) — and reconciliation before a
 * device is made available. Nothing is scheduled once it is closed.
 */
final class P4Connections implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(P4Connections.class);

  /** How long to wait between attempts to reach a device that does not answer: short, capped. */
  static final Duration RETRY_MIN = Duration.ofMillis(50);

  static final Duration RETRY_MAX = Duration.ofMillis(250);

  /**
   * The election id the controller claims primary with: above the default of other clients (1), so
   * that a tool reading the device alongside never takes it over.
   */
  static final long ELECTION_ID = 10;

  private final Map<String, P4Device> devices;
  private final List<SliceRule> baseRules;
  private final DeviceListener events;
  private final Duration sampleInterval;
  private final Mastership mastership;
  private final P4InfoIndex mirrorCodecIndex;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-p4runtime").factory());
  private volatile boolean reconcileOnConnect;
  private volatile boolean closed;

  P4Connections(
      Map<String, P4Device> devices,
      List<SliceRule> baseRules,
      DeviceListener events,
      Duration sampleInterval,
      Mastership mastership,
      P4InfoIndex mirrorCodecIndex) {
    this.devices = devices;
    this.baseRules = baseRules;
    this.events = events;
    this.sampleInterval = sampleInterval;
    this.mastership = mastership;
    this.mirrorCodecIndex = mirrorCodecIndex;
  }

  /** Follows the cluster's roles (once, before the first device). */
  void followRoles() {
    mastership.addListener(name -> run(() -> roleChanged(name)));
  }

  /** Starts connecting a device just opened. */
  void start(P4Device d) {
    run(() -> connect(d, RETRY_MIN));
  }

  /**
   * Reconciles every available device on the connections' thread, and from now on every device that
   * (re)connects.
   */
  Map<String, ReconcileReport> reconcileAll(List<P4Device> sorted) throws Exception {
    Map<String, ReconcileReport> reports = new java.util.LinkedHashMap<>();
    executor
        .submit(
            () -> {
              reconcileOnConnect = true;
              for (P4Device d : sorted) {
                if (d.state() == DeviceState.AVAILABLE) {
                  reports.put(d.name(), reconcile(d));
                }
              }
            })
        .get();
    return reports;
  }

  /** Runs on the connections' thread, unless closed. */
  private void run(Runnable r) {
    if (closed) {
      return;
    }
    try {
      executor.execute(r);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile.
    }
  }

  /** Runs later on the connections' thread, unless closed by then. */
  private void later(Runnable r, Duration delay) {
    if (closed) {
      return;
    }
    try {
      executor.schedule(r, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile.
    }
  }

  private void connect(P4Device d, Duration retry) {
    if (devices.get(d.name()) != d || d.client != null) {
      return;
    }
    DeviceConfig c = d.config();
    Mastership.Role role = mastership.role(c.name());
    d.role = role;
    d.primaryTerm = -1;
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
      client.onMastership(e -> run(() -> onMastership(d, client, e)));
      ElectionId primary = client.primaryElectionId();
      d.primaryTerm = client.isPrimary() || primary == null ? -1 : primary.high();
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
      if (closed) {
        return;
      }
      String before = d.lastError();
      String why = DeviceTls.reason(c, e);
      change(d, DeviceState.CONNECTING, why);
      if (!Objects.equals(before, why)) {
        log.warn("device {} ({}): cannot connect (retrying): {}", d.name(), c.p4runtime(), why);
      }
      Duration next =
          retry.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : retry.multipliedBy(2);
      later(() -> connect(d, next), retry);
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
          primaryChanged(d, 0);
        } else if (d.state() != DeviceState.AVAILABLE) {
          becomePrimary(d);
        }
      }
      case MastershipEvent.BecameBackup b -> {
        if (mayWrite(d)) {
          lost(d, DeviceState.BACKUP, "another controller is primary (" + b + ")");
        } else {
          change(d, DeviceState.BACKUP, backupReason(d));
          primaryChanged(d, b.primaryElectionId().high());
        }
      }
      case MastershipEvent.PrimaryLost l ->
          lost(d, DeviceState.CONNECTING, "connection lost: " + l.reason());
    }
  }

  /**
   * A backup heard the switch's primary change (to the term in the high word of its election id; 0
   * for no master's): when the master at the current term was primary and no longer is, its stream
   * to the switch ended, and the cluster hears the suspicion. A master that has not yet claimed the
   * switch (a move in progress) is never suspected.
   */
  private void primaryChanged(P4Device d, long primaryTerm) {
    long before = d.primaryTerm;
    d.primaryTerm = primaryTerm;
    if (!mastership.clustered()) {
      return;
    }
    long term = mastership.role(d.name()).term();
    if (before == term && primaryTerm < term) {
      mastership.suspect(d.name());
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
      if (closed) {
        return; // its connection was closed under it
      }
      change(d, DeviceState.CONNECTING, e.getMessage());
      log.warn("device {}: not available: {}", d.name(), e.getMessage());
      later(
          () -> {
            if (d.client == client && client.isPrimary() && mayWrite(d)) {
              becomePrimary(d);
            }
          },
          RETRY_MAX);
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
    if (now.master() && c != null && d.state() != DeviceState.CONNECTING && reelect(d, c, now)) {
      return;
    }
    d.client = null;
    if (c != null) {
      c.close();
    }
    connect(d, RETRY_MIN);
  }

  /**
   * Made master: claims primary at the new term on the connection this controller already holds as
   * backup (no new connection, no new handshake). False when that connection cannot be used.
   */
  private boolean reelect(P4Device d, P4RuntimeClient c, Mastership.Role now) {
    try {
      d.role = now;
      boolean primary = c.reelect(electionId(now), Duration.ofSeconds(2));
      log.info(
          "device {}: master at term {} on its open connection{}",
          d.name(),
          now.term(),
          primary ? "" : " (not primary yet)");
      if (primary && mayWrite(d)) {
        becomePrimary(d);
      } else {
        change(d, DeviceState.BACKUP, backupReason(d));
      }
      return true;
    } catch (RuntimeException e) {
      log.debug("device {}: connecting again as master: {}", d.name(), e.getMessage());
      return false;
    }
  }

  private void change(P4Device d, DeviceState state, String error) {
    Device before = d.snapshot();
    d.setState(state, error);
    Device after = d.snapshot();
    if (before.state() != after.state() && devices.get(d.name()) == d) {
      events.deviceChanged(before, after);
    }
  }

  ReconcileReport reconcile(P4Device d) {
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

  void disconnect(P4Device d) {
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

  /** Stops scheduling first, then closes every connection, then the thread. */
  @Override
  public void close() {
    closed = true;
    new java.util.ArrayList<>(devices.values()).forEach(this::disconnect);
    executor.shutdownNow();
  }
}
