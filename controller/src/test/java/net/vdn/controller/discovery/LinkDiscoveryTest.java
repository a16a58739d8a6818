package net.vdn.controller.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyGraph;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.pipeconf.SliceRuleTranslator;
import net.vdn.pipeconf.SlicingPipeline;
import net.vdn.pipeconf.rule.SliceRule;
import org.junit.jupiter.api.Test;

/** LLDP probes find exactly the links of an emulated network, with their ports. */
class LinkDiscoveryTest {
  @Test
  void probesFindEveryLinkDirectionOfATriangle() throws Exception {
    Topology triangle =
        new Topology(
            List.of(
                new Topology.Switch("x", 1),
                new Topology.Switch("y", 2),
                new Topology.Switch("z", 3)),
            List.of(
                new Topology.Link("x", 1, "y", 2, 1000, 1),
                new Topology.Link("y", 1, "z", 3, 1000, 1),
                new Topology.Link("z", 1, "x", 2, 1000, 1)),
            List.of());
    TopologyGraph graph = new TopologyGraph();
    LinkDiscovery discovery = new LinkDiscovery(graph, 10_000_000_000L);
    Map<String, P4RuntimeClient> clients = new HashMap<>();
    try (EmulatedNetwork net = EmulatedNetwork.start(triangle, 0)) {
      for (Topology.Switch s : triangle.switches()) {
        var c =
            P4RuntimeClient.connect(
                ClientOptions.builder(net.p4runtimeAddress(s.name()))
                    .deviceId(s.deviceId())
                    .build());
        clients.put(s.name(), c);
        c.awaitPrimary(Duration.ofSeconds(5));
        c.ensurePipeline(SlicingPipeline.config());
        c.write(
            new SliceRuleTranslator().install(new SliceRule.Punt(0x88cc, false)),
            P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR);
        c.packetIns().subscribe(in -> discovery.onPacketIn(s.name(), in));
      }
      for (Topology.Link l : triangle.links()) {
        discovery.probe(clients.get(l.a()), new ConnectPoint(l.a(), l.aPort()));
        discovery.probe(clients.get(l.b()), new ConnectPoint(l.b(), l.bPort()));
      }
      Set<String> expected = new HashSet<>();
      for (Topology.Link l : triangle.links()) {
        expected.add(l.a() + ":" + l.aPort() + " -> " + l.b() + ":" + l.bPort());
        expected.add(l.b() + ":" + l.bPort() + " -> " + l.a() + ":" + l.aPort());
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (graph.links().size() < expected.size() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(graph.links())
          .extracting(Link::toString)
          .containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      clients.values().forEach(P4RuntimeClient::close);
    }
  }

  @Test
  void probesRoundTripAndOtherFramesAreNotProbes() {
    ConnectPoint p = new ConnectPoint("daejeon", 17);
    assertThat(Lldp.parse(Lldp.probe(p))).contains(p);
    assertThat(Lldp.parse(new byte[60])).isEmpty();
    byte[] truncated = java.util.Arrays.copyOf(Lldp.probe(p), 20);
    assertThat(Lldp.parse(truncated)).isEmpty();
  }
}
