package net.vdn.controller.slice.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.path.Path;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
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
            // Bursts of 250 ms (the default) at each rate.
            new SliceRule.Meter(7, 10_000_000, 2_500_000, 20_000_000, 5_000_000),
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

  private static SliceRule.Meter meter(long cirBps, long pirBps, int burstMs) {
    SliceSpec spec =
        new SliceSpec(
            "x",
            "t",
            7,
            List.of(Endpoint.of("s1", 10), Endpoint.of("s2", 20)),
            cirBps,
            pirBps,
            burstMs,
            0,
            null);
    return new SliceCompiler()
        .compile(spec, List.of(new Path(List.of(S1_S2)))).get("s1").stream()
            .filter(r -> r instanceof SliceRule.Meter)
            .map(r -> (SliceRule.Meter) r)
            .findFirst()
            .orElseThrow();
  }

  @Test
  void metersGetTheAskedBurstAtEachOfTheirRatesAndNeverLessThanTheFloor() {
    // 8 and 16 Mb/s (1 and 2 MB/s) with 250 ms bursts: 250 and 500 kB.
    assertThat(meter(8_000_000, 16_000_000, 250))
        .isEqualTo(new SliceRule.Meter(7, 1_000_000, 250_000, 2_000_000, 500_000));
    // 1 Mb/s for 250 ms is 31 kB, under the floor: both bursts get the floor.
    SliceRule.Meter slow = meter(1_000_000, 1_000_000, 0);
    assertThat(slow.cburst()).isEqualTo(SliceCompiler.MIN_BURST_BYTES);
    assertThat(slow.pburst()).isEqualTo(SliceCompiler.MIN_BURST_BYTES);
    // 100 Gb/s at the largest burst does not overflow.
    assertThat(meter(100_000_000_000L, 100_000_000_000L, SliceSpec.MAX_BURST_MS).cburst())
        .isEqualTo(12_500_000_000L * SliceSpec.MAX_BURST_MS / 1000);
    assertThatThrownBy(() -> meter(1_000_000, 1_000_000, SliceSpec.MAX_BURST_MS + 1))
        .hasMessageStartingWith("burstMs:");
    assertThatThrownBy(() -> meter(1_000_000, 1_000_000, -5)).hasMessageStartingWith("burstMs:");
  }
}
