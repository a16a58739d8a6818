package net.vdn.controller.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.vdn.controller.slice.DeviceHandle;
import net.vdn.controller.store.DeviceStore;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.Entities;
import net.vdn.p4runtime.MastershipEvent;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.pipeconf.SlicingPipeline;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices the controller drives: connects to each as primary (retrying while it is
 * unreachable), makes sure it runs the slicing pipeline (by cookie), learns its ports over gNMI (or
 * from its config) and follows their state, and — on every (re)connect once reconciliation is on —
 * reads the device back and brings it to exactly its mirror before slices may use it.
 */
public final class DeviceManager
    implements AutoCloseable, net.vdn.controller.slice.DeviceDirectory {
  private static final Logger log = LoggerFactory.getLogger(DeviceManager.class);

  /** What the rest of the controller hears from devices. */
  public interface Listener {
    default void deviceAvailable(ManagedDevice device) {}

    default void deviceLost(ManagedDevice device) {}

    default void portChanged(ManagedDevice device, PortInfo before, PortInfo after) {}

    default void packetIn(ManagedDevice device, PacketIn in) {}
  }

  private final Map<String, ManagedDevice> devices = new ConcurrentHashMap<>();
  private final DeviceStore store;
  private final List<SliceRule> baseRules;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-devices").factory());
  private final Entities mirrorCodec =
      Entities.of(P4InfoIndex.of(SlicingPipeline.config().p4info()));
  private final Duration sampleInterval;
  private volatile boolean reconcileOnConnect;

  /**
   * @param baseRules rules every device holds whatever the slices (the LLDP punt, the ARP copy)
   * @param sampleInterval how often gNMI samples port counters
   */
  public DeviceManager(DeviceStore store, List<SliceRule> baseRules, Duration sampleInterval) {
    this.store = store;
    this.baseRules = List.copyOf(baseRules);
    this.sampleInterval = sampleInterval;
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  /** Declares a new device: stored first (durably), then connected in the background. */
  public ManagedDevice add(DeviceConfig config) {
    synchronized (devices) {
      if (devices.containsKey(config.name())) {
        throw new DuplicateException("device '" + config.name() + "' exists");
      }
      for (ManagedDevice d : devices.values()) {
        if (d.config().p4runtime().equals(config.p4runtime())
            && d.config().deviceId() == config.deviceId()) {
          throw new DuplicateException(
              "device '"
                  + d.name()
                  + "' already is P4Runtime device "
                  + config.deviceId()
                  + " at "
                  + config.p4runtime());
        }
      }
      store.putDevice(config);
      return open(config);
    }
  }

  /** Starts managing a device already in the store (at controller start). */
  public ManagedDevice open(DeviceConfig config) {
    ManagedDevice d = new ManagedDevice(config, new DeviceMirror(mirrorCodec));
    DeviceHandle.expect(d.mirror(), baseRules);
    if (config.gnmi() == null) {
      Map<Integer, PortInfo> ports = new HashMap<>();
      if (config.ports() != null) {
        for (int p : config.ports()) {
          ports.put(p, new PortInfo(p, String.valueOf(p), config.speedOrDefault(), true, true, -1));
        }
      }
      d.setPorts(ports);
    }
    devices.put(config.name(), d);
    executor.execute(() -> connect(d, Duration.ofMillis(200)));
    return d;
  }

  /** Stops managing a device and forgets it durably. Its entries stay on it. */
  public void remove(String name) {
    ManagedDevice d;
    synchronized (devices) {
      d = devices.get(name);
      if (d == null) {
        throw new NotFoundException("no device '" + name + "'");
      }
      store.removeDevice(name);
      devices.remove(name);
    }
    disconnect(d);
    log.info("device {}: removed", name);
  }

  public ManagedDevice get(String name) {
    return devices.get(name);
  }

  public Collection<ManagedDevice> all() {
    return devices.values().stream()
        .sorted(java.util.Comparator.comparing(ManagedDevice::name))
        .toList();
  }

  /** The device to program; {@link DeviceUnavailableException} when it is not available. */
  @Override
  public DeviceHandle handle(String name) {
    ManagedDevice d = devices.get(name);
    if (d == null) {
      throw new DeviceUnavailableException("device " + name + " is not known to the controller");
    }
    DeviceHandle h = d.handle();
    if (h == null) {
      throw new DeviceUnavailableException(
          "device "
              + name
              + " is unreachable ("
              + d.state()
              + (d.lastError() == null ? "" : ": " + d.lastError())
              + ")");
    }
    return h;
  }

  @Override
  public boolean knows(String name) {
    return devices.containsKey(name);
  }

  @Override
  public void expect(String name, List<SliceRule> rules) {
    ManagedDevice d = devices.get(name);
    if (d == null) {
      throw new NotFoundException("device " + name + " is not declared");
    }
    DeviceHandle.expect(d.mirror(), rules);
  }

  /**
   * From now on every device that becomes primary is reconciled before it is available; devices
   * already connected are reconciled now. Call once the mirrors hold the stored slices.
   */
  @Override
  public Map<String, Reconciler.Report> reconcileAll() {
    Map<String, Reconciler.Report> reports = new java.util.LinkedHashMap<>();
    try {
      executor
          .submit(
              () -> {
                reconcileOnConnect = true;
                for (ManagedDevice d : all()) {
                  if (d.state() == ManagedDevice.State.AVAILABLE) {
                    reports.put(d.name(), reconcile(d));
                  }
                }
              })
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("reconciliation failed: " + e.getCause().getMessage(), e);
    }
    return reports;
  }

  /** Turns a port up or down through gNMI. */
  public void setPortEnabled(String name, int port, boolean enabled) {
    ManagedDevice d = devices.get(name);
    if (d == null) {
      throw new NotFoundException("no device '" + name + "'");
    }
    if (d.port(port) == null) {
      throw new NotFoundException("device '" + name + "' has no port " + port);
    }
    GnmiPorts g = d.gnmi;
    if (g == null) {
      throw new DeviceUnavailableException(
          "device " + name + " has no gNMI connection to turn port " + port + " up or down");
    }
    g.setEnabled(port, enabled);
    PortInfo before = d.port(port);
    PortInfo after = d.updatePort(port, p -> p.withState(enabled, p.up() && enabled));
    log.info("device {}: port {} {}", name, port, enabled ? "enabled" : "disabled");
    if (before != null && !before.equals(after)) {
      listeners.forEach(l -> l.portChanged(d, before, after));
    }
  }

  /** The P4Runtime client of an available device (for packet-outs), or null. */
  public P4RuntimeClient client(String name) {
    ManagedDevice d = devices.get(name);
    return d == null || d.state() != ManagedDevice.State.AVAILABLE ? null : d.client;
  }

  // ---------------------------------------------------------------- connection life cycle

  private void connect(ManagedDevice d, Duration retry) {
    if (devices.get(d.name()) != d) {
      return;
    }
    DeviceConfig c = d.config();
    try {
      P4RuntimeClient client =
          P4RuntimeClient.connect(
              ClientOptions.builder(c.p4runtime())
                  .deviceId(c.deviceId())
                  .rpcTimeout(Duration.ofSeconds(10))
                  .reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(2))
                  .build());
      d.client = client;
      client.onMastership(e -> executor.execute(() -> onMastership(d, client, e)));
      client.packetIns().subscribe(in -> listeners.forEach(l -> l.packetIn(d, in)));
      log.info("device {}: connected to {}", d.name(), c.p4runtime());
      if (client.isPrimary()) {
        becomePrimary(d);
      } else {
        d.setState(ManagedDevice.State.BACKUP, "another controller is primary");
      }
    } catch (RuntimeException e) {
      String before = d.lastError();
      d.setState(ManagedDevice.State.CONNECTING, e.getMessage());
      if (!java.util.Objects.equals(before, e.getMessage())) {
        log.warn("device {}: cannot connect (retrying): {}", d.name(), e.getMessage());
      }
      Duration next =
          retry.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
              ? Duration.ofSeconds(5)
              : retry.multipliedBy(2);
      executor.schedule(() -> connect(d, next), retry.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void onMastership(ManagedDevice d, P4RuntimeClient client, MastershipEvent e) {
    if (d.client != client || devices.get(d.name()) != d) {
      return;
    }
    switch (e) {
      case MastershipEvent.BecamePrimary p -> {
        if (d.state() != ManagedDevice.State.AVAILABLE) {
          becomePrimary(d);
        }
      }
      case MastershipEvent.BecameBackup b -> {
        lost(d, ManagedDevice.State.BACKUP, "another controller is primary (" + b + ")");
      }
      case MastershipEvent.PrimaryLost l -> {
        lost(d, ManagedDevice.State.CONNECTING, "connection lost: " + l.reason());
      }
    }
  }

  private void lost(ManagedDevice d, ManagedDevice.State state, String why) {
    boolean was = d.state() == ManagedDevice.State.AVAILABLE;
    d.setState(state, why);
    d.reconciled = false;
    log.warn("device {}: {}", d.name(), why);
    if (was) {
      listeners.forEach(l -> l.deviceLost(d));
    }
  }

  private void becomePrimary(ManagedDevice d) {
    P4RuntimeClient client = d.client;
    try {
      if (client.ensurePipeline(SlicingPipeline.config())) {
        log.info("device {}: slicing pipeline pushed", d.name());
      }
      if (d.config().gnmi() != null && d.gnmi == null) {
        openGnmi(d);
      }
      if (reconcileOnConnect) {
        reconcile(d);
      }
      d.setState(ManagedDevice.State.AVAILABLE, null);
      log.info("device {}: available", d.name());
      listeners.forEach(l -> l.deviceAvailable(d));
    } catch (RuntimeException e) {
      d.setState(ManagedDevice.State.CONNECTING, e.getMessage());
      log.warn("device {}: not available: {}", d.name(), e.getMessage());
      executor.schedule(
          () -> {
            if (d.client == client && client.isPrimary()) {
              becomePrimary(d);
            }
          },
          1,
          TimeUnit.SECONDS);
    }
  }

  private Reconciler.Report reconcile(ManagedDevice d) {
    Reconciler.Report r;
    synchronized (d.mirror()) {
      r = new Reconciler().reconcile(d.name(), d.client, d.mirror());
    }
    d.lastReconcile = r;
    d.reconciled = true;
    return r;
  }

  private void openGnmi(ManagedDevice d) {
    GnmiPorts g = new GnmiPorts(d.name(), d.config().gnmi());
    try {
      d.setPorts(g.list(d.config().speedOrDefault()));
      g.watch(
          (port, up) -> {
            PortInfo before = d.port(port);
            PortInfo after = d.updatePort(port, p -> p.withState(p.enabled(), up));
            if (before != null && before.up() != up) {
              log.info("device {}: port {} is {}", d.name(), port, up ? "up" : "down");
              listeners.forEach(l -> l.portChanged(d, before, after));
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

  private void disconnect(ManagedDevice d) {
    d.setState(ManagedDevice.State.CONNECTING, "removed");
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

  @Override
  public void close() {
    executor.shutdownNow();
    new ArrayList<>(devices.values()).forEach(this::disconnect);
  }
}
