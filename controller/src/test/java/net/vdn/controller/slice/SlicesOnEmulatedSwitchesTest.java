package net.vdn.controller.slice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.controller.FixedTopology;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.path.Path;
import net.vdn.controller.path.PathService;
import net.vdn.controller.path.impl.PathManager;
import net.vdn.controller.slice.impl.SliceCompiler;
import net.vdn.controller.store.memory.MemoryReservations;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.Update;
import net.vdn.pipeconf.SliceRuleTranslator;
import net.vdn.pipeconf.SlicingPipeline;
import net.vdn.pipeconf.rule.SliceRule;
import org.junit.jupiter.api.Test;

/**
 * Two tenants' slices across three emulated softswitches in a line (s1 - s2 - s3), paths found on
 * the links' capacity, compiled to slice rules, translated by the pipeconf and written over
 * P4Runtime by the test itself: each slice's hosts reach each other, and never the other slice's.
 */
class SlicesOnEmulatedSwitchesTest {
  private static final Topology LINE =
      new Topology(
          List.of(
              new Topology.Switch("s1", 1),
              new Topology.Switch("s2", 2),
              new Topology.Switch("s3", 3)),
          List.of(
              new Topology.Link("s1", 1, "s2", 1, 1000, 1),
              new Topology.Link("s2", 2, "s3", 1, 1000, 1)),
          List.of(
              new Topology.Host("a1", "s1", 10, "00:00:00:00:0a:01", "10.0.0.1"),
              new Topology.Host("a3", "s3", 10, "00:00:00:00:0a:03", "10.0.0.3"),
              new Topology.Host("b1", "s1", 11, "00:00:00:00:0b:01", "10.0.0.11"),
              new Topology.Host("b3", "s3", 11, "00:00:00:00:0b:03", "10.0.0.13")));

  @Test
  void twoSlicesAcrossThreeSwitchesCarryTheirOwnTrafficOnly() throws Exception {
    MemoryReservations reservations = new MemoryReservations();
    PathService paths = new PathManager(FixedTopology.of(LINE), reservations);
    SliceCompiler compiler = new SliceCompiler();
    SliceSpec a =
        new SliceSpec(
            "a",
            "tenant-a",
            100,
            List.of(
                new Endpoint("s1", 10, null, "00:00:00:00:0a:01"),
                new Endpoint("s3", 10, null, "00:00:00:00:0a:03")),
            100_000_000,
            200_000_000,
            0);
    SliceSpec b =
        new SliceSpec(
            "b",
            "tenant-b",
            200,
            List.of(Endpoint.of("s1", 11), Endpoint.of("s3", 11)),
            50_000_000,
            50_000_000,
            1);

    try (EmulatedNetwork net = EmulatedNetwork.start(LINE, 0)) {
      Map<String, List<Update>> perDevice = new java.util.TreeMap<>();
      for (SliceSpec s : List.of(a, b)) {
        Path path = paths.admit(s.name(), List.of("s1", "s3"), s.cirBps()).get(0);
        assertThat(path.hops()).isEqualTo(2);
        compiler
            .compile(s, List.of(path))
            .forEach(
                (device, rules) -> {
                  List<Update> updates = perDevice.computeIfAbsent(device, d -> new ArrayList<>());
                  for (SliceRule r : rules) {
                    updates.addAll(new SliceRuleTranslator().install(r));
                  }
                });
      }
      assertThat(perDevice).containsOnlyKeys("s1", "s2", "s3");
      List<P4RuntimeClient> clients = new ArrayList<>();
      try {
        for (var e : perDevice.entrySet()) {
          var client =
              P4RuntimeClient.connect(
                  ClientOptions.builder(net.p4runtimeAddress(e.getKey()))
                      .deviceId(LINE.switchNamed(e.getKey()).deviceId())
                      .build());
          clients.add(client);
          client.awaitPrimary(Duration.ofSeconds(5));
          client.ensurePipeline(SlicingPipeline.config());
          var result = client.write(e.getValue(), P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR);
          assertThat(result.allOk()).as("%s: %s", e.getKey(), result.summary()).isTrue();
        }
      } finally {
        clients.forEach(P4RuntimeClient::close);
      }

      assertThat(net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5)))
          .as("a1 -> a3 in slice a")
          .isNotNull();
      assertThat(net.host("b1").ping("10.0.0.13", Duration.ofSeconds(5)))
          .as("b1 -> b3 in slice b")
          .isNotNull();
      assertThat(net.host("b1").ping("10.0.0.3", Duration.ofSeconds(1)))
          .as("b1 -> a3 across slices")
          .isNull();
      assertThat(net.host("a3").ping("10.0.0.11", Duration.ofSeconds(1)))
          .as("a3 -> b1 across slices")
          .isNull();
    }
    assertThat(reservations.reserved(new ConnectPoint("s1", 1))).isEqualTo(150_000_000);
    assertThat(reservations.reserved(new ConnectPoint("s2", 1))).isEqualTo(150_000_000);
  }
}
