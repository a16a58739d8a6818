package net.vdn.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.emulation.linux.LinuxHosts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * The main job: starts an emulated network (KREONET-S by default) and the VDN controller in front
 * of it — every switch declared to the controller, links discovered by LLDP, the REST API up — and
 * runs until stopped. With {@code --config} it runs the controller alone, for real switches.
 */
@Command(
    name = "vdn",
    mixinStandardHelpOptions = true,
    description = "Runs the VDN controller on an emulated network (or on real switches).")
public final class Main implements Callable<Integer> {
  @Option(
      names = "--topology",
      paramLabel = "FILE",
      description = "Topology file (JSON) to emulate; KREONET-S when absent.")
  Path topologyFile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Controller config file (JSON): runs the controller alone on its devices.")
  Path configFile;

  @Option(
      names = "--first-port",
      description =
          "P4Runtime port of the first emulated switch, 0 for any (default ${DEFAULT-VALUE}).")
  int firstPort = 50001;

  @Option(
      names = "--rest-port",
      description = "REST API port, 0 for any (default ${DEFAULT-VALUE}).")
  int restPort = 8181;

  @Option(
      names = "--openflow-port",
      description = "Listen for OpenFlow 1.3 switches on this port (e.g. 6653); off when absent.")
  int openflowPort = -1;

  @Option(
      names = "--store",
      paramLabel = "FILE",
      description = "Where the controller keeps its state (default ${DEFAULT-VALUE}).")
  Path store = Path.of("vdn-state.json");

  @Option(
      names = "--cluster",
      paramLabel = "N",
      description =
          "Runs N controllers (c1..cN) sharing one etcd over the emulated network, REST on"
              + " --rest-port and the next ports (default: one controller, its own store).")
  int cluster = 0;

  @Option(
      names = "--etcd",
      paramLabel = "URL[,URL...]",
      split = ",",
      description =
          "The cluster's etcd endpoints; without it a local etcd (etcd on PATH) is started, its"
              + " data in vdn-etcd/ beside the store.")
  List<String> etcd;

  @Option(
      names = "--etcd-port",
      description =
          "Client port of the local etcd (its peer port is the next), default ${DEFAULT-VALUE}.")
  int etcdPort = 2379;

  @Option(
      names = "--linux-hosts",
      description =
          "Put the emulated hosts in network namespaces (vdn-HOST) on veth pairs bound to their"
              + " switch ports, for ping, iperf3 and any other program (root).")
  boolean linuxHosts;

  @Option(
      names = "--no-auth",
      description =
          "Every caller is an operator, no token needed (only for a controller nobody else reaches).")
  boolean noAuth;

  @Option(
      names = "--https",
      description =
          "Serve the API over HTTPS with a self-signed certificate for localhost and 127.0.0.1,"
              + " made at the first start beside the store (vdn-api.p12, vdn-api.pem) and kept;"
              + " its SHA-256 fingerprint is printed.")
  boolean https;

  @Option(
      names = "--exit-after-discovery",
      description = "Stop once the links are discovered (for checks).")
  boolean exitAfterDiscovery;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (configFile != null) {
      ControllerOptions fromFile = ControllerOptions.read(configFile);
      if (noAuth) {
        fromFile = fromFile.withSecurity(SecurityOptions.OFF.withTls(fromFile.security().tls()));
      }
      if (https) {
        if (fromFile.security().tls() != null) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--https: " + configFile + " has a tls section already");
        }
        fromFile =
            fromFile.withSecurity(
                fromFile.security().withTls(selfSigned(configFile.toAbsolutePath()).tls()));
      }
      try (Controller c = Controller.start(fromFile)) {
        out(
            "VDN controller: REST API on %s://%s:%d/api/v1",
            c.options().security().tls() == null ? "http" : "https",
            c.options().restHost(),
            c.restPort());
        return runUntilStopped();
      }
    }
    if (cluster < 0 || (cluster == 0 && etcd != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          cluster < 0 ? "--cluster must be 1 or more, not " + cluster : "--etcd needs --cluster N");
    }
    Topology topology = topologyFile == null ? Topology.kreonetS() : Topology.read(topologyFile);
    if (cluster > 0) {
      return new ClusterJob(this, topology).run();
    }
    try (EmulatedNetwork net = EmulatedNetwork.start(topology, firstPort);
        LinuxHosts linux = linuxHosts ? LinuxHosts.attach(net) : null) {
      List<DeviceConfig> devices = new ArrayList<>();
      for (Topology.Switch s : topology.switches()) {
        devices.add(DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId()));
        out(
            "switch %-9s device %d  P4Runtime and gNMI on %s",
            s.name(), s.deviceId(), net.p4runtimeAddress(s.name()));
      }
      ControllerOptions options =
          ControllerOptions.defaults(store)
              .withRest("127.0.0.1", restPort)
              .withDevices(devices)
              .withSecurity(
                  (noAuth ? SecurityOptions.OFF : SecurityOptions.apiTokens())
                      .withTls(https ? selfSigned(store.toAbsolutePath()).tls() : null));
      try (Controller c = Controller.start(options, routes -> EmulationApi.register(routes, net))) {
        int expected = topology.links().size() * 2;
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (c.services().topology().links().size() < expected && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        out(
            "discovered %d of %d link directions by LLDP",
            c.services().topology().links().size(), expected);
        for (Topology.Host h : topology.hosts()) {
          out(
              "host %-14s %-10s on %s:%d%s",
              h.name(),
              h.ip(),
              h.switchName(),
              h.port(),
              linux == null ? "" : "  (ip netns exec " + LinuxHosts.namespace(h.name()) + " ...)");
        }
        out(
            "%d slices restored from %s",
            c.services().slices().list().size(), store.toAbsolutePath().normalize());
        showFirstToken(c);
        if (exitAfterDiscovery) {
          return c.services().topology().links().size() < expected ? 1 : 0;
        }
        out(
            "VDN controller: REST API on %s://127.0.0.1:%d/api/v1 (emulated hosts under"
                + " /emulation), the portal on %s://127.0.0.1:%d/; Ctrl-C stops it.",
            https ? "https" : "http", c.restPort(), https ? "https" : "http", c.restPort());
        return runUntilStopped();
      }
    }
  }

  /** The self-signed certificate kept beside {@code sibling} (made the first time), announced. */
  private SelfSignedCertificate selfSigned(Path sibling) throws Exception {
    SelfSignedCertificate cert =
        SelfSignedCertificate.ensure(sibling.resolveSibling("vdn-api.p12"));
    out(
        "HTTPS certificate (self-signed, %s): %s%n  SHA-256 %s%n  trust it with: ./vdnctl --ca %s"
            + " (or curl --cacert %s)",
        cert.created() ? "made now" : "kept from before",
        cert.keyStore(),
        cert.sha256(),
        cert.pem(),
        cert.pem());
    return cert;
  }

  /** At the first start with API tokens: the operator token, shown this once. */
  void showFirstToken(Controller c) {
    c.firstOperatorToken()
        .ifPresent(
            t ->
                out(
                    "first operator token (shown once, kept only hashed): %s%n"
                        + "  sign in with: ./vdnctl login --token %s",
                    t, t));
    if (!c.security().enabled()) {
      out("authentication is off: every caller is an operator");
    }
  }

  void out(String format, Object... args) {
    spec.commandLine().getOut().println(String.format(format, args));
    spec.commandLine().getOut().flush();
  }

  /**
   * Runs until Ctrl-C (SIGINT) or SIGTERM, then returns, so that the controller and the network are
   * closed in order and the job ends with status 0: a stop asked for is not a failure.
   */
  int runUntilStopped() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), s -> stop.countDown());
      } catch (IllegalArgumentException e) {
        // A platform without this signal: the other one, or killing the process, stops it.
      }
    }
    stop.await();
    out("stopping");
    return 0;
  }

  /** The command line, reporting failures as one line instead of a stack trace. */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("vdn: " + e.getMessage());
              return 2;
            });
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
