package net.vdn.controller.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyGraph;
import org.junit.jupiter.api.Test;

/**
 * A square with a diagonal: a-b-c-d-a and a-c. The direct a-c link is the short way from a to c;
 * a-b-c and a-d-c are the long ways.
 */
class PathFinderTest {
  private static final long G = 1_000_000_000L;
  private final TopologyGraph graph = new TopologyGraph();
  private final CapacityLedger ledger = new CapacityLedger();
  private final PathFinder finder = new PathFinder(graph, ledger);

  PathFinderTest() {
    link("a", 1, "b", 1, 10 * G);
    link("b", 2, "c", 1, 10 * G);
    link("c", 2, "d", 1, 10 * G);
    link("d", 2, "a", 2, 10 * G);
    link("a", 3, "c", 3, G);
  }

  private void link(String a, int ap, String b, int bp, long bps) {
    Link l = new Link(new ConnectPoint(a, ap), new ConnectPoint(b, bp), bps);
    graph.add(l);
    graph.add(l.reverse());
  }

  private static List<String> devices(Path p) {
    List<String> out = new java.util.ArrayList<>();
    if (!p.links().isEmpty()) {
      out.add(p.links().get(0).src().device());
    }
    p.links().forEach(l -> out.add(l.dst().device()));
    return out;
  }

  @Test
  void takesTheFewestHopsWhenTheyHaveRoom() {
    assertThat(devices(finder.find("a", "c", G / 2, Set.of()))).containsExactly("a", "c");
  }

  @Test
  void goesAroundALinkWithoutEnoughCapacityLeft() {
    Path direct = finder.find("a", "c", 600_000_000L, Set.of());
    ledger.reserve("s1", direct, 600_000_000L);
    Path around = finder.find("a", "c", 600_000_000L, Set.of());
    assertThat(around.hops()).isEqualTo(2);
    // The reverse direction of a reserved link is untouched.
    assertThat(devices(finder.find("c", "a", 600_000_000L, Set.of()))).containsExactly("c", "a");
  }

  @Test
  void avoidsFailedLinks() {
    Link ac = graph.from(new ConnectPoint("a", 3));
    Link ab = graph.from(new ConnectPoint("a", 1));
    assertThat(devices(finder.find("a", "c", G / 2, Set.of(ac, ab))))
        .containsExactly("a", "d", "c");
  }

  @Test
  void refusesWithAReasonAndReservesAllOrNothing() {
    assertThatThrownBy(() -> finder.find("a", "c", 20 * G, Set.of()))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("no path from a to c has 20000000000 b/s left");
    Path around =
        new Path(
            List.of(graph.from(new ConnectPoint("a", 1)), graph.from(new ConnectPoint("b", 2))));
    ledger.reserve("big", new Path(List.of(graph.from(new ConnectPoint("b", 2)))), 9 * G);
    assertThatThrownBy(() -> ledger.reserve("s2", around, 2 * G))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("b:2 -> c:1");
    assertThat(ledger.reserved(new ConnectPoint("a", 1))).as("nothing half-reserved").isZero();
    ledger.release("big");
    ledger.reserve("s2", around, 2 * G);
    assertThat(ledger.heldBy("s2"))
        .containsExactlyInAnyOrder(new ConnectPoint("a", 1), new ConnectPoint("b", 2));
  }

  @Test
  void aSliceCanGrowOnTheLinksItAlreadyHolds() {
    Path direct = finder.find("a", "c", G, Set.of());
    ledger.reserve("s1", direct, G);
    ledger.reserve("s1", direct, G);
    assertThat(ledger.reserved(new ConnectPoint("a", 3))).isEqualTo(G);
  }
}
