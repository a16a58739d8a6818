package net.vdn.controller.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.controller.FixedTopology;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.path.impl.PathManager;
import net.vdn.controller.store.memory.MemoryReservations;
import org.junit.jupiter.api.Test;

/**
 * A square with a diagonal: a-b-c-d-a and a-c. The direct a-c link is the short way from a to c;
 * a-b-c and a-d-c are the long ways.
 */
class PathManagerTest {
  private static final long G = 1_000_000_000L;
  private final FixedTopology topology =
      new FixedTopology()
          .link("a", 1, "b", 1, 10 * G)
          .link("b", 2, "c", 1, 10 * G)
          .link("c", 2, "d", 1, 10 * G)
          .link("d", 2, "a", 2, 10 * G)
          .link("a", 3, "c", 3, G);
  private final MemoryReservations reservations = new MemoryReservations();
  private final PathService paths = new PathManager(topology, reservations);

  private static List<String> devices(Path p) {
    List<String> out = new ArrayList<>();
    if (!p.links().isEmpty()) {
      out.add(p.links().get(0).src().device());
    }
    p.links().forEach(l -> out.add(l.dst().device()));
    return out;
  }

  private static ConnectPoint at(String device, int port) {
    return new ConnectPoint(device, port);
  }

  @Test
  void takesTheFewestHopsWhenTheyHaveRoom() {
    assertThat(devices(paths.admit("s", List.of("a", "c"), G / 2).get(0)))
        .containsExactly("a", "c");
  }

  @Test
  void reservesBothDirectionsOfEveryLinkItUses() {
    paths.admit("s", List.of("a", "c"), 600_000_000L);
    assertThat(paths.heldBy("s"))
        .isEqualTo(Map.of(at("a", 3), 600_000_000L, at("c", 3), 600_000_000L));
    // Either way round, the direct link has 400 Mb/s left: another 600 Mb/s goes around.
    Path around = paths.admit("t", List.of("c", "a"), 600_000_000L).get(0);
    assertThat(around.hops()).isEqualTo(2);
    assertThat(reservations.reserved(at("c", 3))).isEqualTo(600_000_000L);
  }

  @Test
  void theSameDevicesInEitherOrderGetTheSamePathsAndReservations() {
    List<Path> one = paths.admit("x", List.of("b", "d", "a"), G);
    Map<ConnectPoint, Long> held = paths.heldBy("x");
    paths.release("x");
    List<Path> other = paths.admit("x", List.of("a", "b", "d"), G);
    assertThat(other).isEqualTo(one);
    assertThat(paths.heldBy("x")).isEqualTo(held);
    paths.release("x");
    assertThat(paths.admit("x", List.of("d", "a", "b"), G)).isEqualTo(one);
  }

  @Test
  void avoidsLinksThatAreGone() {
    topology.cut(at("a", 3));
    topology.cut(at("a", 1));
    assertThat(devices(paths.admit("s", List.of("a", "c"), G / 2).get(0)))
        .containsExactly("a", "d", "c");
  }

  @Test
  void refusesWithAReasonAndReservesAllOrNothing() {
    assertThatThrownBy(() -> paths.admit("s", List.of("a", "c"), 20 * G))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("slice s: no path from a to c has 20000000000 b/s left");
    Path bc = new Path(List.of(topology.linkFrom(at("b", 2)).orElseThrow()));
    paths.reserve("big", List.of(bc), 9 * G);
    Path around =
        new Path(
            List.of(
                topology.linkFrom(at("a", 1)).orElseThrow(),
                topology.linkFrom(at("b", 2)).orElseThrow()));
    assertThatThrownBy(() -> paths.reserve("s2", List.of(around), 2 * G))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("b:2");
    assertThat(reservations.reserved(at("a", 1))).as("nothing half-reserved").isZero();
    paths.release("big");
    paths.reserve("s2", List.of(around), 2 * G);
    assertThat(paths.heldBy("s2").keySet())
        .containsExactlyInAnyOrder(at("a", 1), at("b", 1), at("b", 2), at("c", 1));
  }

  @Test
  void aSliceCanGrowOnTheLinksItAlreadyHolds() {
    paths.admit("s1", List.of("a", "c"), G);
    assertThat(paths.admit("s1", List.of("a", "c"), G).get(0).hops()).isEqualTo(1);
    assertThat(reservations.reserved(at("a", 3))).isEqualTo(G);
  }

  @Test
  void twoSlicesThatTogetherExceedADirectionAreRefusedInEitherOrder() {
    FixedTopology line = new FixedTopology().link("p", 1, "q", 1, G);
    for (List<String> second : List.of(List.of("p", "q"), List.of("q", "p"))) {
      PathService on = new PathManager(line, new MemoryReservations());
      on.admit("first", List.of("p", "q"), 600_000_000L);
      assertThatThrownBy(() -> on.admit("second", second, 600_000_000L))
          .as("second slice %s", second)
          .isInstanceOf(AdmissionException.class);
      assertThat(on.heldBy("second")).isEmpty();
    }
  }
}
