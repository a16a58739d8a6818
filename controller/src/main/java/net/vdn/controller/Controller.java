package net.vdn.controller;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceManager;
import net.vdn.controller.device.ManagedDevice;
import net.vdn.controller.device.PortInfo;
import net.vdn.controller.device.Reconciler;
import net.vdn.controller.discovery.LinkDiscovery;
import net.vdn.controller.discovery.Lldp;
import net.vdn.controller.host.HostTracker;
import net.vdn.controller.metrics.ControllerMetrics;
import net.vdn.controller.openflow.OpenFlowDevices;
import net.vdn.controller.optical.OpticalService;
import net.vdn.controller.path.CapacityLedger;
import net.vdn.controller.rest.RestServer;
import net.vdn.controller.slice.Devices;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.store.FileStore;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyGraph;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.Value;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VDN controller: devices, discovered topology and hosts, slices with admission control, the
 * store, metrics and the REST API, wired together. Start it with {@link #start}; it restores the
 * stored slices, reconciles every device to them, and keeps discovering links.
 */
public final class Controller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);
  private static final List<SliceRule> BASE_RULES =
      List.of(new SliceRule.Punt(0x88cc, false), new SliceRule.Punt(0x0806, true));

  private final ControllerOptions options;
  private final FileStore store;
  private final TopologyGraph graph = new TopologyGraph();
  private final CapacityLedger ledger = new CapacityLedger();
  private final HostTracker hosts = new HostTracker(graph);
  private final DeviceManager devices;
  private final LinkDiscovery discovery;
  private final SliceService slices;
  private final ControllerMetrics metrics;
  private final OpticalService optical;
  private final OpenFlowDevices openflow;
  private final ScheduledExecutorService events =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-topology").factory());
  private RestServer rest;
  private volatile Map<String, Reconciler.Report> restoreReports = Map.of();

  private Controller(ControllerOptions options) {
    this.options = options;
    this.store = new FileStore(options.store());
    this.devices = new DeviceManager(store, BASE_RULES, options.counterInterval());
    this.discovery = new LinkDiscovery(graph, this::capacityOf);
    this.openflow =
        options.openflowPort() < 0
            ? null
            : new OpenFlowDevices(options.restHost(), options.openflowPort(), BASE_RULES);
    this.slices = new SliceService(graph, ledger, new Devices(devices, openflow), store);
    this.optical = new OpticalService(store);
    slices.useOptical(optical);
    this.metrics = new ControllerMetrics(this);
    slices.onProgrammed(metrics::programmed);
  }

  /**
   * Opens the store, connects to every stored and configured device, restores the slices and
   * reconciles the devices to them, starts discovery and the REST API.
   */
  public static Controller start(ControllerOptions options) {
    return start(options, routes -> {});
  }

  /** Starts a controller whose REST server also serves {@code extraRoutes}. */
  public static Controller start(
      ControllerOptions options, Consumer<RestServer.Routes> extraRoutes) {
    Controller c = new Controller(options);
    try {
      c.run(extraRoutes);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void run(Consumer<RestServer.Routes> extraRoutes) {
    devices.addListener(
        new DeviceManager.Listener() {
          @Override
          public void packetIn(ManagedDevice d, PacketIn in) {
            onPacketIn(d.name(), in);
          }

          @Override
          public void portChanged(ManagedDevice d, PortInfo before, PortInfo after) {
            if (!after.up() || !after.enabled()) {
              portWentDown(new ConnectPoint(d.name(), after.number()));
            }
          }
        });
    if (openflow != null) {
      openflow.addListener(
          new OpenFlowDevices.Listener() {
            @Override
            public void packetIn(String device, int inPort, byte[] frame) {
              onPacketIn(device, new PacketIn(frame, Map.of("ingress_port", Value.of(inPort))));
            }

            @Override
            public void portDown(String device, int port) {
              portWentDown(new ConnectPoint(device, port));
            }
          });
    }
    discovery.onLinkAdded(l -> events.execute(slices::retryDegraded));
    // The config file is the operator's word: a device it declares replaces a stored one of the
    // same name; devices added over REST (only in the store) are kept.
    Map<String, DeviceConfig> declared = new LinkedHashMap<>();
    options.devices().forEach(d -> declared.put(d.name(), d));
    for (DeviceConfig d : store.devices()) {
      DeviceConfig wanted = declared.remove(d.name());
      if (wanted != null && !wanted.equals(d)) {
        log.info("device {}: the config file changes it from {} to {}", d.name(), d, wanted);
        store.putDevice(wanted);
        devices.open(wanted);
      } else {
        devices.open(d);
      }
    }
    declared.values().forEach(devices::add);
    awaitDevices(Duration.ofSeconds(10));
    restoreReports = slices.restore();
    long interval = options.discoveryInterval().toMillis();
    events.scheduleWithFixedDelay(this::discoveryRound, 0, interval, TimeUnit.MILLISECONDS);
    rest = RestServer.start(this, options.restHost(), options.restPort(), extraRoutes);
    log.info(
        "controller up: {} devices, {} slices, REST on http://{}:{}/api/v1",
        devices.all().size(),
        slices.list().size(),
        options.restHost(),
        rest.port());
  }

  /** A packet-in from any device, P4Runtime or OpenFlow: counted, then links and hosts. */
  private void onPacketIn(String device, PacketIn in) {
    metrics.packetIn(in);
    discovery.onPacketIn(device, in);
    hosts.onPacketIn(device, in);
  }

  /** A port went down: its links are taken down on the topology thread. */
  private void portWentDown(ConnectPoint port) {
    events.execute(() -> portDown(port));
  }

  /** Waits (a bounded time) for the declared devices to connect, so restore can reconcile them. */
  private void awaitDevices(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline
        && devices.all().stream().anyMatch(d -> d.state() != ManagedDevice.State.AVAILABLE)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One discovery round: probe every up port of every available device, then age links out. */
  private void discoveryRound() {
    try {
      for (ManagedDevice d : devices.all()) {
        P4RuntimeClient client = devices.client(d.name());
        if (client == null) {
          continue;
        }
        for (PortInfo p : d.ports().values()) {
          if (p.up() && p.enabled()) {
            discovery.probe(client, new ConnectPoint(d.name(), p.number()));
          }
        }
      }
      if (openflow != null) {
        for (var m : openflow.all()) {
          for (int port : openflow.upPorts(m.name()).keySet()) {
            openflow.packetOut(m.name(), port, Lldp.probe(new ConnectPoint(m.name(), port)));
          }
        }
      }
      long maxAge = options.discoveryInterval().toNanos() * 7 / 2;
      for (Link l : discovery.expire(maxAge)) {
        slices.linkDown(l);
      }
    } catch (RuntimeException e) {
      log.warn("discovery round failed: {}", e.getMessage());
    }
  }

  private void portDown(ConnectPoint port) {
    for (Link l : graph.links()) {
      if (l.src().equals(port) || l.dst().equals(port)) {
        log.info("link {} is down: port {} went down", l, port);
        slices.linkDown(l);
      }
    }
  }

  private long capacityOf(ConnectPoint port) {
    if (openflow != null && openflow.owns(port.device())) {
      Long bps = openflow.upPorts(port.device()).get(port.port());
      return bps == null || bps <= 0 ? DeviceConfig.DEFAULT_PORT_SPEED_BPS : bps;
    }
    ManagedDevice d = devices.get(port.device());
    if (d == null) {
      return DeviceConfig.DEFAULT_PORT_SPEED_BPS;
    }
    PortInfo p = d.port(port.port());
    return p != null ? p.speedBps() : d.config().speedOrDefault();
  }

  public ControllerOptions options() {
    return options;
  }

  public DeviceManager devices() {
    return devices;
  }

  public TopologyGraph graph() {
    return graph;
  }

  public CapacityLedger ledger() {
    return ledger;
  }

  public HostTracker hosts() {
    return hosts;
  }

  public SliceService slices() {
    return slices;
  }

  public OpticalService optical() {
    return optical;
  }

  /** The OpenFlow switches, or null when the controller does not listen for them. */
  public OpenFlowDevices openflow() {
    return openflow;
  }

  public ControllerMetrics metrics() {
    return metrics;
  }

  /** What reconciling each device to the stored slices changed at start. */
  public Map<String, Reconciler.Report> restoreReports() {
    return restoreReports;
  }

  /** The port the REST API listens on. */
  public int restPort() {
    return rest.port();
  }

  @Override
  public void close() {
    if (rest != null) {
      rest.close();
    }
    events.shutdownNow();
    devices.close();
    optical.close();
    if (openflow != null) {
      openflow.close();
    }
  }
}
