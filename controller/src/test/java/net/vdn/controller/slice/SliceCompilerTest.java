package net.vdn.controller.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.vdn.controller.path.Path;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.pipeconf.rule.SliceRule;
import org.junit.jupiter.api.Test;

class SliceCompilerTest {
  private static final Link S1_S2 =
      new Link(new ConnectPoint("s1", 1), new ConnectPoint("s2", 1), 1_000_000_000);

  @Test
  void edgesUntagLinksTagAndEveryDeviceFloodsMetersAndForwardsToKnownHosts() {
    SliceSpec spec =
        new SliceSpec(
            "x",
            "t",
            7,
            List.of(new Endpoint("s1", 10, null, "00:00:00:00:00:01"), Endpoint.of("s2", 20)),
            80_000_000,
            160_000_000,
            3);
    var rules = new SliceCompiler().compile(spec, List.of(new Path(List.of(S1_S2))));
    assertThat(rules).containsOnlyKeys("s1", "s2");
    assertThat(rules.get("s1"))
        .contains(
            new SliceRule.Classify(7, 3, 10, null, null, null, null, null, null, 10),
            new SliceRule.Tag(10, 7, false),
            SliceRule.Classify.trunk(1, 7),
            new SliceRule.Tag(1, 7, true),
            new SliceRule.Flood(7, List.of(1, 10)),
            new SliceRule.Meter(7, 10_000_000, 100_000, 20_000_000, 200_000),
            new SliceRule.ForwardL2(7, "00:00:00:00:00:01", 10));
    assertThat(rules.get("s2"))
        .contains(
            new SliceRule.Flood(7, List.of(1, 20)),
            new SliceRule.ForwardL2(7, "00:00:00:00:00:01", 1));
  }

  @Test
  void badSlicesNameTheField() {
    var two = List.of(Endpoint.of("s1", 1), Endpoint.of("s2", 1));
    assertThatThrownBy(() -> new SliceSpec("x", "t", 0, two, 1, 1, 0))
        .hasMessageStartingWith("sliceId:");
    assertThatThrownBy(() -> new SliceSpec("x", "t", 5, List.of(Endpoint.of("s1", 1)), 1, 1, 0))
        .hasMessageStartingWith("endpoints:");
    assertThatThrownBy(() -> new SliceSpec("x", "t", 5, two, 10, 5, 0))
        .hasMessageStartingWith("cirBps/pirBps:");
    assertThatThrownBy(() -> new SliceSpec("", "t", 5, two, 1, 1, 0))
        .hasMessageStartingWith("name:");
    assertThatThrownBy(
            () ->
                new SliceSpec(
                    "x", "t", 5, List.of(Endpoint.of("s1", 1), Endpoint.of("s1", 1)), 1, 1, 0))
        .hasMessageContaining("listed twice");
  }
}
