package net.vdn.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.vdn.controller.discovery.LinkDiscovery;
import net.vdn.controller.host.HostTracker;
import net.vdn.controller.slice.DeviceHandle;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.TopologyGraph;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.Update;
import net.vdn.pipeconf.SliceRuleTranslator;
import net.vdn.pipeconf.SlicingPipeline;
import net.vdn.pipeconf.rule.SliceRule;
import net.vdn.softswitch.emulation.EmulatedNetwork;
import net.vdn.softswitch.emulation.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts an emulated network (KREONET-S by default), connects the controller to every switch as
 * primary with the slicing pipeline, and discovers the links by LLDP.
 */
@Command(
    name = "vdn",
    mixinStandardHelpOptions = true,
    description = "Runs the VDN controller on an emulated network.")
public final class Main implements Callable<Integer> {
  @Option(
      names = "--topology",
      paramLabel = "FILE",
      description = "Topology file (JSON); KREONET-S when absent.")
  Path topologyFile;

  @Option(
      names = "--first-port",
      description = "P4Runtime port of the first switch (default ${DEFAULT-VALUE}).")
  int firstPort = 50001;

  @Option(
      names = "--exit-after-discovery",
      description = "Stop once the links are discovered (for checks).")
  boolean exitAfterDiscovery;

  @Override
  public Integer call() throws Exception {
    Topology topology = topologyFile == null ? Topology.kreonetS() : Topology.read(topologyFile);
    TopologyGraph graph = new TopologyGraph();
    LinkDiscovery discovery = new LinkDiscovery(graph, 10_000_000_000L);
    HostTracker hosts = new HostTracker(graph);
    List<DeviceHandle> devices = new ArrayList<>();
    try (EmulatedNetwork net = EmulatedNetwork.start(topology, firstPort)) {
      SliceRuleTranslator translator = new SliceRuleTranslator();
      List<Update> punts = new ArrayList<>(translator.install(new SliceRule.Punt(0x88cc, false)));
      punts.addAll(translator.install(new SliceRule.Punt(0x0806, true)));
      for (Topology.Switch s : topology.switches()) {
        var client =
            P4RuntimeClient.connect(
                ClientOptions.builder(net.p4runtimeAddress(s.name()))
                    .deviceId(s.deviceId())
                    .build());
        if (!client.awaitPrimary(Duration.ofSeconds(10))) {
          throw new IllegalStateException(s.name() + ": not primary");
        }
        client.ensurePipeline(SlicingPipeline.config());
        client.batch().add(punts.get(0)).add(punts.get(1)).add(punts.get(2)).sendOrThrow();
        client
            .packetIns()
            .subscribe(
                in -> {
                  discovery.onPacketIn(s.name(), in);
                  hosts.onPacketIn(s.name(), in);
                });
        devices.add(DeviceHandle.of(s.name(), client));
        System.out.printf(
            "switch %-9s device %d  P4Runtime and gNMI on %s%n",
            s.name(), s.deviceId(), net.p4runtimeAddress(s.name()));
      }
      int expected = 0;
      for (Topology.Link l : topology.links()) {
        discovery.probe(client(devices, l.a()), new ConnectPoint(l.a(), l.aPort()));
        discovery.probe(client(devices, l.b()), new ConnectPoint(l.b(), l.bPort()));
        expected += 2;
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (graph.links().size() < expected && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      System.out.printf(
          "discovered %d of %d link directions by LLDP:%n", graph.links().size(), expected);
      graph.links().stream()
          .map(Object::toString)
          .sorted()
          .forEach(l -> System.out.println("  " + l));
      if (graph.links().size() < expected || exitAfterDiscovery) {
        return graph.links().size() < expected ? 1 : 0;
      }
      System.out.println("VDN controller running; Ctrl-C stops it.");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
      return 0;
    } finally {
      devices.forEach(d -> d.client().close());
    }
  }

  private static P4RuntimeClient client(List<DeviceHandle> devices, String name) {
    return devices.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().client();
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
