package net.vdn.controller.topology.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.emulation.Topology;
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
    Set<String> expected = new HashSet<>();
    for (Topology.Link l : triangle.links()) {
      expected.add(l.a() + ":" + l.aPort() + " -> " + l.b() + ":" + l.bPort());
      expected.add(l.b() + ":" + l.bPort() + " -> " + l.a() + ":" + l.aPort());
    }
    try (ControllerFixture f = ControllerFixture.inMemory(triangle)) {
      f.awaitLinks(expected.size());
      assertThat(f.services().topology().links())
          .extracting(Link::toString)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(f.services().topology().links())
          .extracting(Link::capacityBps)
          .containsOnly(1_000_000_000L);
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
