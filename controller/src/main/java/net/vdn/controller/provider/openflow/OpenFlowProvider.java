package net.vdn.controller.provider.openflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.InboundPacket;
import net.vdn.controller.device.Port;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.controller.device.SliceDevice;
import net.vdn.controller.device.spi.DeviceProvider;
import net.vdn.controller.device.spi.Mastership;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.openflow.OpenFlowException;
import net.vdn.openflow.OpenFlowServer;
import net.vdn.openflow.OpenFlowSwitch;
import net.vdn.openflow.PortEvent;
import net.vdn.openflow.Role;
import net.vdn.openflow.SwitchListener;
import net.vdn.openflow.WriteResult;
import net.vdn.openflow.slice.OpenFlowDevice;
import net.vdn.pipeconf.rule.SliceRule;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortMod;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenFlow 1.3 switches that connect to the controller's listener. A switch is named {@code
 * of:<datapath id in hex>}; on every (re)connect it is given the base rules (LLDP and ARP to the
 * controller) and reconciled to what its slices need, before slices may use it.
 */
public final class OpenFlowProvider implements DeviceProvider {
  private static final Logger log = LoggerFactory.getLogger(OpenFlowProvider.class);
  private static final String PREFIX = "of:";

  private final List<SliceRule> baseRules;
  private final DeviceListener events;
  private final Map<String, ManagedSwitch> devices = new ConcurrentHashMap<>();
  private final OpenFlowServer server;
  private volatile boolean reconciling;
  private final Mastership mastership;
  private final java.util.concurrent.ExecutorService roles =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("vdn-openflow-roles").factory());

  /** Listens for switches on {@code host:port} (0 for any free port). */
  public OpenFlowProvider(String host, int port, List<SliceRule> baseRules, DeviceListener events) {
    this(host, port, baseRules, events, Mastership.SOLE, null);
  }

  /**
   * A listener in a cluster: each switch is asked to take this controller as MASTER, with the
   * device's mastership term as generation id, or as SLAVE; only a master reconciles and programs
   * it, from what the shared store says it should hold.
   */
  public OpenFlowProvider(
      String host,
      int port,
      List<SliceRule> baseRules,
      DeviceListener events,
      Mastership mastership,
      SecurityOptions.OpenFlowTls tls) {
    this.mastership = mastership;
    this.baseRules = List.copyOf(baseRules);
    this.events = events;
    this.server =
        OpenFlowServer.start(
            tls == null
                ? OpenFlowServer.Options.defaults().withBind(host, port)
                : OpenFlowServer.Options.defaults()
                    .withBind(host, port)
                    .withTls(tls.certificate(), tls.key(), tls.clientCa()),
            new SwitchListener() {
              @Override
              public void connected(OpenFlowSwitch sw) {
                onConnected(sw);
              }

              @Override
              public void disconnected(OpenFlowSwitch sw) {
                onDisconnected(sw);
              }
            });
    log.info(
        "OpenFlow 1.3 listener on {}:{}{}",
        host,
        server.port(),
        tls == null ? "" : tls.clientCa() == null ? " (TLS)" : " (mutual TLS)");
    mastership.addListener(name -> roles.execute(() -> applyRole(name)));
  }

  /** Asks a connected switch for the role this controller holds on it, and acts on the answer. */
  private void applyRole(String name) {
    ManagedSwitch m = devices.get(name);
    OpenFlowSwitch sw = m == null ? null : m.device.connection();
    if (sw == null || !sw.isConnected()) {
      return;
    }
    Mastership.Role r = mastership.role(name);
    if (r.equals(m.role) && (m.available || m.backup)) {
      return;
    }
    try {
      Role got =
          sw.requestRole(r.master() ? Role.MASTER : Role.SLAVE, r.term()).get(5, TimeUnit.SECONDS);
      m.role = r;
      if (r.master() && got == Role.MASTER) {
        OpenFlowDevice fresh = new OpenFlowDevice(name, null);
        fresh.attach(sw);
        fresh.expect(baseRules);
        fresh.expect(mastership.wanted(name));
        m.device = fresh;
        reconcile(m);
        m.backup = false;
        setAvailable(m, true);
        mastership.ready(name, r.term());
        log.info("OpenFlow switch {}: master at generation {}", name, r.term());
      } else {
        Device before = m.snapshot();
        m.available = false;
        m.backup = true;
        events.deviceChanged(before, m.snapshot());
        log.info("OpenFlow switch {}: slave (generation {})", name, r.term());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | OpenFlowException e) {
      log.warn("OpenFlow switch {}: role {} refused: {}", name, r, e.getMessage());
      setAvailable(m, false);
    }
  }

  /** The port the listener accepts switches on. */
  public int port() {
    return server.port();
  }

  @Override
  public boolean owns(String device) {
    return device.startsWith(PREFIX);
  }

  @Override
  public boolean accepts(DeviceConfig config) {
    return false;
  }

  @Override
  public Device open(DeviceConfig config) {
    throw new ConfigException("driver", "OpenFlow switches connect by themselves");
  }

  @Override
  public void remove(String device) {
    throw new ConfigException("name", "OpenFlow switches connect by themselves");
  }

  @Override
  public List<Device> devices() {
    return new TreeMap<>(devices).values().stream().map(ManagedSwitch::snapshot).toList();
  }

  @Override
  public Optional<Device> device(String name) {
    return Optional.ofNullable(devices.get(name)).map(ManagedSwitch::snapshot);
  }

  @Override
  public Map<Integer, Port> ports(String device) {
    return new TreeMap<>(get(device).ports);
  }

  @Override
  public Port setPortEnabled(String device, int port, boolean enabled) {
    ManagedSwitch m = get(device);
    OpenFlowSwitch sw = connected(m);
    var p = sw.port(port).orElseThrow(() -> new NotFoundException(device + " has no port " + port));
    OFPortMod mod =
        sw.factory()
            .buildPortMod()
            .setPortNo(OFPort.of(port))
            .setHwAddr(MacAddress.of(p.mac()))
            .setConfig(enabled ? java.util.Set.of() : java.util.Set.of(OFPortConfig.PORT_DOWN))
            .setMask(java.util.Set.of(OFPortConfig.PORT_DOWN))
            .build();
    try {
      WriteResult r = sw.write(List.of(mod)).get(5, TimeUnit.SECONDS);
      if (!r.allOk()) {
        throw new DeviceUnavailableException(device + " refused the port change: " + r.errors());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeviceUnavailableException(device + ": interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw new DeviceUnavailableException(device + ": port change not confirmed: " + e);
    }
    Port before = m.ports.get(port);
    Port after = before.withState(enabled, before.up() && enabled);
    m.ports.put(port, after);
    events.portChanged(device, before, after);
    return after;
  }

  @Override
  public boolean packetOut(ConnectPoint port, byte[] frame) {
    ManagedSwitch m = devices.get(port.device());
    if (m == null || !m.available) {
      return false;
    }
    m.device.connection().packetOut(port.port(), frame);
    return true;
  }

  @Override
  public ReconcileReport reconcile(String device) {
    ManagedSwitch m = get(device);
    connected(m);
    return reconcile(m);
  }

  @Override
  public SliceDevice programmable(String name) {
    ManagedSwitch m = devices.get(name);
    if (m == null || !m.available) {
      throw new DeviceUnavailableException("OpenFlow switch " + name + " is not connected");
    }
    return new OpenFlowSliceDevice(m.device);
  }

  @Override
  public void expect(String name, List<SliceRule> rules) {
    managed(name).device.expect(rules);
  }

  @Override
  public synchronized Map<String, ReconcileReport> reconcileAll() {
    reconciling = true;
    if (mastership.clustered()) {
      return Map.of();
    }
    Map<String, ReconcileReport> out = new TreeMap<>();
    for (ManagedSwitch m : devices.values()) {
      OpenFlowSwitch sw = m.device.connection();
      if (sw != null && sw.isConnected()) {
        out.put(m.name(), reconcile(m));
        setAvailable(m, true);
      }
    }
    return out;
  }

  private ManagedSwitch get(String name) {
    ManagedSwitch m = devices.get(name);
    if (m == null) {
      throw new NotFoundException("no device '" + name + "'");
    }
    return m;
  }

  private static OpenFlowSwitch connected(ManagedSwitch m) {
    OpenFlowSwitch sw = m.device.connection();
    if (sw == null || !sw.isConnected()) {
      throw new DeviceUnavailableException("OpenFlow switch " + m.name() + " is not connected");
    }
    return sw;
  }

  private ManagedSwitch managed(String name) {
    return devices.computeIfAbsent(
        name,
        n -> {
          ManagedSwitch m = new ManagedSwitch(new OpenFlowDevice(n, null));
          m.device.expect(baseRules);
          return m;
        });
  }

  private synchronized void onConnected(OpenFlowSwitch sw) {
    boolean known = devices.containsKey(sw.id());
    ManagedSwitch m = managed(sw.id());
    m.device.attach(sw);
    m.ports.clear();
    for (var p : sw.ports()) {
      m.ports.put(p.number(), port(p));
    }
    if (!known) {
      events.deviceChanged(null, m.snapshot());
    }
    sw.onPacketIn(
        in ->
            events.packetIn(new InboundPacket(new ConnectPoint(sw.id(), in.inPort()), in.frame())));
    sw.onPortStatus(e -> onPortStatus(m, e));
    if (mastership.clustered()) {
      m.role = null;
      roles.execute(() -> applyRole(sw.id()));
      return;
    }
    if (!reconciling) {
      log.info("OpenFlow switch {} connected; reconciled once the slices are restored", sw.id());
      return;
    }
    try {
      reconcile(m);
      setAvailable(m, true);
      log.info("OpenFlow switch {} available ({} ports)", sw.id(), sw.ports().size());
    } catch (OpenFlowException e) {
      log.warn("OpenFlow switch {}: not available: {}", sw.id(), e.getMessage());
    }
  }

  private void onDisconnected(OpenFlowSwitch sw) {
    ManagedSwitch m = devices.get(sw.id());
    if (m != null && m.device.connection() == sw) {
      m.backup = false;
      m.role = null;
      setAvailable(m, false);
      log.warn("OpenFlow switch {} disconnected", sw.id());
    }
  }

  private void onPortStatus(ManagedSwitch m, PortEvent e) {
    int number = e.port().number();
    if (number <= 0 || Integer.compareUnsigned(number, 0xffffff00) >= 0) {
      return;
    }
    Port before = m.ports.get(number);
    Port after;
    if (e.kind() == PortEvent.Kind.REMOVED) {
      m.ports.remove(number);
      after = port(e.port()).withState(false, false);
    } else {
      after = port(e.port());
      m.ports.put(number, after);
    }
    if (before != null && !before.equals(after)) {
      events.portChanged(m.name(), before, after);
    }
  }

  private static Port port(net.vdn.openflow.Port p) {
    return new Port(p.number(), p.name(), p.currentSpeedKbps() * 1000, p.adminUp(), p.up(), -1);
  }

  private void setAvailable(ManagedSwitch m, boolean available) {
    Device before = m.snapshot();
    if (m.available != available) {
      m.since = Instant.now();
    }
    m.available = available;
    Device after = m.snapshot();
    if (before.state() != after.state()) {
      events.deviceChanged(before, after);
    }
  }

  private ReconcileReport reconcile(ManagedSwitch m) {
    var r = m.device.reconcile();
    ReconcileReport report = new ReconcileReport(r.deleted(), r.inserted(), r.modified());
    m.lastReconcile = report;
    log.info(
        "OpenFlow switch {}: reconciled ({} deleted, {} inserted, {} modified)",
        m.name(),
        r.deleted(),
        r.inserted(),
        r.modified());
    return report;
  }

  @Override
  public void close() {
    roles.shutdownNow();
    server.close();
  }
}
