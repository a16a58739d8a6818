package net.vdn.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.cluster.ClusterConfig;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.emulation.linux.LinuxHosts;

/**
 * The main job as a cluster: one emulated network, one etcd (given, or a local one started here)
 * and N controllers sharing them, each with its own REST API; the emulated hosts' API is served by
 * the first.
 */
final class ClusterJob {
  private final Main main;
  private final Topology topology;

  ClusterJob(Main main, Topology topology) {
    this.main = main;
    this.topology = topology;
  }

  int run() throws Exception {
    List<String> endpoints = main.etcd;
    LocalEtcd local = null;
    if (endpoints == null || endpoints.isEmpty()) {
      Path etcd =
          LocalEtcd.find()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "etcd is not on PATH: install Debian's etcd-server, or give --etcd URL"));
      Path dir = main.store.toAbsolutePath().getParent().resolve("vdn-etcd");
      local = LocalEtcd.start(etcd, dir, main.etcdPort);
      endpoints = List.of(local.endpoint());
      main.out("etcd: %s (data in %s)", local.endpoint(), dir);
    }
    try (EmulatedNetwork net = EmulatedNetwork.start(topology, main.firstPort);
        LinuxHosts linux = main.linuxHosts ? LinuxHosts.attach(net) : null) {
      return runControllers(net, linux != null, endpoints);
    } finally {
      if (local != null) {
        local.close();
      }
    }
  }

  /** Starts the controllers in front of {@code net}, and closes them before the network goes. */
  private int runControllers(EmulatedNetwork net, boolean linux, List<String> endpoints)
      throws Exception {
    List<Controller> controllers = new ArrayList<>();
    try {
      List<DeviceConfig> devices = new ArrayList<>();
      for (Topology.Switch s : topology.switches()) {
        devices.add(DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId()));
        main.out(
            "switch %-9s device %d  P4Runtime and gNMI on %s",
            s.name(), s.deviceId(), net.p4runtimeAddress(s.name()));
      }
      for (int i = 1; i <= main.cluster; i++) {
        ControllerOptions options =
            ControllerOptions.defaults(null)
                .withRest("127.0.0.1", main.restPort == 0 ? 0 : main.restPort + i - 1)
                .withDevices(devices)
                .withCluster(ClusterConfig.of("c" + i, endpoints))
                .withSecurity(main.noAuth ? SecurityOptions.OFF : SecurityOptions.apiTokens());
        Controller c =
            i == 1
                ? Controller.start(options, routes -> EmulationApi.register(routes, net))
                : Controller.start(options);
        controllers.add(c);
        main.out("controller c%d: REST API on http://127.0.0.1:%d/api/v1", i, c.restPort());
      }
      Controller first = controllers.getFirst();
      int expected = topology.links().size() * 2;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (first.services().topology().links().size() < expected
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      main.out(
          "discovered %d of %d link directions by LLDP; %d slices in the cluster's store",
          first.services().topology().links().size(),
          expected,
          first.services().slices().list().size());
      for (Topology.Host h : topology.hosts()) {
        main.out(
            "host %-14s %-10s on %s:%d%s",
            h.name(),
            h.ip(),
            h.switchName(),
            h.port(),
            linux ? "  (ip netns exec " + LinuxHosts.namespace(h.name()) + " ...)" : "");
      }
      main.showFirstToken(first);
      if (main.exitAfterDiscovery) {
        return first.services().topology().links().size() < expected ? 1 : 0;
      }
      main.out(
          "VDN cluster of %d controllers up (vdnctl cluster shows who masters what; emulated hosts"
              + " under /emulation on c1); Ctrl-C stops it.",
          controllers.size());
      return main.runUntilStopped();
    } finally {
      for (Controller c : controllers.reversed()) {
        c.close();
      }
    }
  }
}
