package net.vdn.controller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import net.vdn.controller.cluster.ClusterConfig;
import net.vdn.controller.cluster.ClusterService;
import net.vdn.controller.cluster.impl.ClusterManager;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceState;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.controller.device.impl.DeviceEvents;
import net.vdn.controller.device.impl.DeviceManager;
import net.vdn.controller.device.spi.DeviceProvider;
import net.vdn.controller.device.spi.Mastership;
import net.vdn.controller.federation.FederationStore;
import net.vdn.controller.federation.impl.FederationManager;
import net.vdn.controller.host.impl.HostManager;
import net.vdn.controller.metrics.ControllerMetrics;
import net.vdn.controller.optical.impl.OpticalManager;
import net.vdn.controller.optical.impl.OpticalProvider;
import net.vdn.controller.path.impl.PathManager;
import net.vdn.controller.provider.openflow.OpenFlowProvider;
import net.vdn.controller.provider.p4runtime.P4RuntimeProvider;
import net.vdn.controller.rest.RestServer;
import net.vdn.controller.security.SecurityService;
import net.vdn.controller.security.impl.AccessManager;
import net.vdn.controller.services.Services;
import net.vdn.controller.slice.impl.SliceManager;
import net.vdn.controller.slice.spi.Masters;
import net.vdn.controller.store.ControllerStore;
import net.vdn.controller.store.etcd.Etcd;
import net.vdn.controller.store.etcd.EtcdLinks;
import net.vdn.controller.store.etcd.EtcdStore;
import net.vdn.controller.store.file.FileFederationStore;
import net.vdn.controller.store.file.FileStore;
import net.vdn.controller.store.memory.MemoryFederationStore;
import net.vdn.controller.store.memory.MemoryStore;
import net.vdn.controller.topology.LinkStore;
import net.vdn.controller.topology.impl.TopologyManager;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a VDN controller: builds the stores, the device providers and the services over them,
 * wires them together, then opens the devices, restores the stored slices, starts discovery and the
 * REST API. It only wires and runs: nothing reaches a service through it but its owner (the main
 * job, tests), through {@link #services()}.
 */
public final class Controller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);

  /** Rules every packet device holds whatever its slices: LLDP to the controller, ARP copied. */
  private static final List<SliceRule> BASE_RULES =
      List.of(new SliceRule.Punt(0x88cc, false), new SliceRule.Punt(0x0806, true));

  private final ControllerOptions options;
  private final ControllerStore store;
  private final DeviceManager devices;
  private final OpenFlowProvider openflow;
  private final TopologyManager topology;
  private final HostManager hosts;
  private final SliceManager slices;
  private final ControllerMetrics metrics;
  private final Services services;
  private final Etcd etcd;
  private final ClusterManager cluster;
  private final AccessManager security;
  private final FederationManager federation;
  private RestServer rest;
  private Optional<String> firstOperatorToken = Optional.empty();
  private Map<String, ReconcileReport> restoreReports = Map.of();

  private Controller(ControllerOptions options) {
    this.options = options;
    ClusterConfig cc = options.cluster();
    if (cc == null) {
      this.etcd = null;
      this.cluster = null;
      this.store = options.store() == null ? new MemoryStore() : new FileStore(options.store());
    } else {
      this.etcd = new Etcd(cc.etcd(), cc.prefix(), cc.requestTimeout());
      try {
        etcd.start();
      } catch (RuntimeException e) {
        etcd.close();
        throw e;
      }
      this.cluster = new ClusterManager(cc, etcd);
      this.store = new EtcdStore(etcd);
    }
    Mastership mastership = cluster == null ? Mastership.SOLE : cluster;
    Masters masters = cluster == null ? Masters.NONE : cluster.masters();
    DeviceEvents events = new DeviceEvents();
    List<DeviceProvider> providers = new ArrayList<>();
    providers.add(new P4RuntimeProvider(BASE_RULES, events, options.counterInterval(), mastership));
    this.openflow =
        options.openflowPort() < 0
            ? null
            : new OpenFlowProvider(
                options.restHost(),
                options.openflowPort(),
                BASE_RULES,
                events,
                mastership,
                options.security().openflowTls());
    if (openflow != null) {
      providers.add(openflow);
    }
    OpticalProvider opticalDevices = new OpticalProvider(store, events);
    providers.add(opticalDevices);
    this.devices = new DeviceManager(providers, store, events);
    if (cluster != null) {
      events.addListener(cluster.switchesSeen());
    }
    this.topology =
        new TopologyManager(
            devices,
            options.discoveryInterval(),
            cluster == null ? LinkStore.LOCAL : cluster.links(new EtcdLinks(etcd)));
    this.hosts = new HostManager(devices, topology);
    PathManager paths = new PathManager(topology, store);
    OpticalManager optical = new OpticalManager(opticalDevices, devices, store);
    this.slices =
        new SliceManager(
            devices, topology, paths, store, optical, options.counterInterval(), masters);
    ClusterService clusterView =
        cluster != null
            ? cluster
            : ClusterService.standalone(
                () -> devices.devices().stream().map(Device::name).toList());
    this.metrics = new ControllerMetrics(devices, topology, hosts, slices, clusterView);
    if (options.federation() == null) {
      this.federation = null;
    } else {
      FederationStore fs =
          options.store() == null
              ? new MemoryFederationStore()
              : new FileFederationStore(options.store());
      this.federation =
          new FederationManager(options.federation(), fs, slices, paths, devices, topology);
    }
    this.services =
        new Services(devices, topology, hosts, paths, slices, optical, clusterView, federation);
    this.security = new AccessManager(options.security().auth(), store, slices);
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
    metrics.start();
    hosts.start();
    slices.start();
    devices.open(options.devices());
    awaitDevices(Duration.ofSeconds(10));
    restoreReports = slices.restore();
    topology.start();
    if (federation != null) {
      federation.start();
    }
    firstOperatorToken = security.firstOperatorToken().map(t -> t.value());
    rest =
        RestServer.start(
            services,
            security,
            metrics::scrape,
            options.restHost(),
            options.restPort(),
            options.security().tls(),
            extraRoutes);
    if (cluster != null) {
      cluster.start(
          (options.security().tls() == null ? "http" : "https")
              + "://"
              + options.restHost()
              + ":"
              + rest.port()
              + "/api/v1");
    }
    log.info(
        "controller up: {} devices, {} slices, REST on {}://{}:{}/api/v1, authentication {}",
        devices.devices().size(),
        slices.list().size(),
        options.security().tls() == null ? "http" : "https",
        options.restHost(),
        rest.port(),
        security.enabled() ? "on" : "off (every caller is an operator)");
  }

  /** Waits (a bounded time) for the declared devices to connect, so restore can reconcile them. */
  private void awaitDevices(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline
        && devices.devices().stream()
            .anyMatch(d -> d.config() != null && d.state() == DeviceState.CONNECTING)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    devices.devices().stream()
        .filter(d -> d.config() != null && d.state() == DeviceState.CONNECTING)
        .map(Device::name)
        .forEach(d -> log.warn("device {}: not available yet; reconciled when it is", d));
  }

  /** The controller's services, by their interfaces. */
  public Services services() {
    return services;
  }

  /** Who may do what: tokens, grants, the audit log, callers' views of the slices. */
  public SecurityService security() {
    return security;
  }

  /**
   * The operator token created at this start because the store held none (API tokens on), to be
   * shown once to whoever started the controller; empty on later starts.
   */
  public Optional<String> firstOperatorToken() {
    return firstOperatorToken;
  }

  public ControllerOptions options() {
    return options;
  }

  /** What reconciling each device to the stored slices changed at start. */
  public Map<String, ReconcileReport> restoreReports() {
    return restoreReports;
  }

  /** The port the REST API listens on. */
  public int restPort() {
    return rest.port();
  }

  /** The port OpenFlow switches connect to, or -1 when the controller does not listen for them. */
  public int openflowPort() {
    return openflow == null ? -1 : openflow.port();
  }

  /** The port the peering API listens on, or -1 when the controller serves no domain. */
  public int peeringPort() {
    return federation == null ? -1 : federation.peeringPort();
  }

  @Override
  public void close() {
    if (rest != null) {
      rest.close();
    }
    if (federation != null) {
      federation.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    topology.close();
    slices.close();
    devices.close();
    store.close();
    if (etcd != null) {
      etcd.close();
    }
  }
}
