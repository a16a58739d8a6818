package net.vdn.controller.openflow;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.vdn.controller.device.DeviceUnavailableException;
import net.vdn.controller.device.Reconciler;
import net.vdn.controller.slice.SliceDevice;
import net.vdn.openflow.OpenFlowException;
import net.vdn.openflow.OpenFlowServer;
import net.vdn.openflow.OpenFlowSwitch;
import net.vdn.openflow.PacketIn;
import net.vdn.openflow.Port;
import net.vdn.openflow.PortEvent;
import net.vdn.openflow.SwitchListener;
import net.vdn.openflow.slice.OpenFlowDevice;
import net.vdn.openflow.slice.ReconcileReport;
import net.vdn.openflow.slice.SliceCounters;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenFlow 1.3 switches that connect to the controller's listener. A switch is named {@code
 * of:<datapath id in hex>}; on every (re)connect it is given the controller's base rules (LLDP and
 * ARP to the controller) and reconciled to what its slices need, before slices may use it.
 */
public final class OpenFlowDevices implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpenFlowDevices.class);

  /** What the rest of the controller hears from OpenFlow switches. */
  public interface Listener {
    default void packetIn(String device, int inPort, byte[] frame) {}

    default void portDown(String device, int port) {}
  }

  /** A switch the controller knows: its slice state, and its connection when it has one. */
  public static final class Managed {
    final OpenFlowDevice device;
    volatile boolean available;
    volatile ReconcileReport lastReconcile;

    Managed(OpenFlowDevice device) {
      this.device = device;
    }

    public String name() {
      return device.name();
    }

    public boolean available() {
      return available;
    }

    public ReconcileReport lastReconcile() {
      return lastReconcile;
    }

    public OpenFlowSwitch connection() {
      return device.connection();
    }

    public int mirrored() {
      return device.entries().size();
    }
  }

  private final List<SliceRule> baseRules;
  private final Map<String, Managed> devices = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final OpenFlowServer server;
  private volatile boolean reconciling;

  /** Listens for switches on {@code host:port} (0 for any free port). */
  public OpenFlowDevices(String host, int port, List<SliceRule> baseRules) {
    this.baseRules = List.copyOf(baseRules);
    this.server =
        OpenFlowServer.start(
            OpenFlowServer.Options.defaults().withBind(host, port),
            new SwitchListener() {
              @Override
              public void connected(OpenFlowSwitch sw) {
                onConnected(sw);
              }

              @Override
              public void disconnected(OpenFlowSwitch sw) {
                Managed m = devices.get(sw.id());
                if (m != null && m.device.connection() == sw) {
                  m.available = false;
                  log.warn("OpenFlow switch {} disconnected", sw.id());
                }
              }
            });
    log.info("OpenFlow 1.3 listener on {}:{}", host, server.port());
  }

  public int port() {
    return server.port();
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  public Collection<Managed> all() {
    return new TreeMap<>(devices).values();
  }

  public Managed get(String name) {
    return devices.get(name);
  }

  /** Whether a device name is an OpenFlow switch's (connected now or not). */
  public boolean owns(String name) {
    return name.startsWith("of:");
  }

  public SliceDevice handle(String name) {
    Managed m = devices.get(name);
    if (m == null || !m.available) {
      throw new DeviceUnavailableException("OpenFlow switch " + name + " is not connected");
    }
    return new Handle(m.device);
  }

  /** Records rules as already on a switch, whether it is connected yet or not. */
  public void expect(String name, List<SliceRule> rules) {
    managed(name).device.expect(rules);
  }

  /**
   * Reconciles every connected switch to its mirror; from then on every switch that connects is
   * reconciled before it is available. Call once the mirrors hold the stored slices.
   */
  public synchronized Map<String, Reconciler.Report> reconcileAll() {
    reconciling = true;
    Map<String, Reconciler.Report> out = new TreeMap<>();
    for (Managed m : devices.values()) {
      OpenFlowSwitch sw = m.device.connection();
      if (sw != null && sw.isConnected()) {
        ReconcileReport r = reconcile(m);
        m.available = true;
        out.put(m.name(), new Reconciler.Report(r.deleted(), r.inserted(), r.modified()));
      }
    }
    return out;
  }

  /** The switch's ports that are up, with their speeds in bits per second. */
  public Map<Integer, Long> upPorts(String name) {
    Managed m = devices.get(name);
    Map<Integer, Long> out = new TreeMap<>();
    if (m != null && m.available) {
      for (Port p : m.device.connection().ports()) {
        if (p.up() && p.number() > 0 && Integer.compareUnsigned(p.number(), 0xffffff00) < 0) {
          out.put(p.number(), p.currentSpeedKbps() * 1000);
        }
      }
    }
    return out;
  }

  /** Sends a frame out of a port of a connected switch; false when it is not connected. */
  public boolean packetOut(String name, int port, byte[] frame) {
    Managed m = devices.get(name);
    if (m == null || !m.available) {
      return false;
    }
    m.device.connection().packetOut(port, frame);
    return true;
  }

  private Managed managed(String name) {
    return devices.computeIfAbsent(
        name,
        n -> {
          Managed m = new Managed(new OpenFlowDevice(n, null));
          m.device.expect(baseRules);
          return m;
        });
  }

  private synchronized void onConnected(OpenFlowSwitch sw) {
    Managed m = managed(sw.id());
    m.device.attach(sw);
    sw.onPacketIn(
        (PacketIn in) -> listeners.forEach(l -> l.packetIn(sw.id(), in.inPort(), in.frame())));
    sw.onPortStatus(
        (PortEvent e) -> {
          if (e.kind() == PortEvent.Kind.REMOVED || !e.port().up()) {
            listeners.forEach(l -> l.portDown(sw.id(), e.port().number()));
          }
        });
    if (!reconciling) {
      log.info("OpenFlow switch {} connected; reconciled once the slices are restored", sw.id());
      return;
    }
    try {
      reconcile(m);
      m.available = true;
      log.info("OpenFlow switch {} available ({} ports)", sw.id(), sw.ports().size());
    } catch (OpenFlowException e) {
      log.warn("OpenFlow switch {}: not available: {}", sw.id(), e.getMessage());
    }
  }

  private ReconcileReport reconcile(Managed m) {
    ReconcileReport r = m.device.reconcile();
    m.lastReconcile = r;
    log.info(
        "OpenFlow switch {}: reconciled ({} deleted, {} inserted, {} modified)",
        m.name(),
        r.deleted(),
        r.inserted(),
        r.modified());
    return r;
  }

  /** The slice service's view of an OpenFlow switch. */
  private record Handle(OpenFlowDevice device) implements SliceDevice {
    @Override
    public String name() {
      return device.name();
    }

    @Override
    public void install(List<SliceRule> rules) {
      device.install(rules);
    }

    @Override
    public void remove(List<SliceRule> rules) {
      device.remove(rules);
    }

    @Override
    public long[] counters(int sliceId) {
      SliceCounters c = device.counters(sliceId);
      return new long[] {c.packets(), c.bytes(), 0, 0, c.droppedPackets(), c.droppedBytes()};
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
