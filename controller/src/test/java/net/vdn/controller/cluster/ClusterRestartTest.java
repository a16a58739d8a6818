package net.vdn.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.Http;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole cluster stopped and started again: every slice is back, nothing right rewritten. */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class ClusterRestartTest {
  @TempDir Path dir;

  @Test
  void theWholeClusterStartedAgainHasEverySliceAndRewritesNothing() throws Exception {
    try (ClusterFixture f = ClusterFixture.start(1, ControllerFixture.SQUARE, dir)) {
      f.startHere("c1");
      f.startHere("c2");
      f.awaitMastered("c1", List.of("c1", "c2"), Duration.ofSeconds(15));
      f.awaitLinks("c2", 8, Duration.ofSeconds(15));
      for (var s : List.of(List.of("a", "101", "10"), List.of("b", "102", "11"))) {
        Http.Answer a =
            f.api("c2")
                .post(
                    "/api/v1/slices",
                    ControllerFixture.slice(
                        s.get(0),
                        s.get(0),
                        Integer.parseInt(s.get(1)),
                        Integer.parseInt(s.get(2)),
                        10_000_000));
        assertThat(a.code()).as(a.text()).isEqualTo(201);
      }
      Map<String, Set<Integer>> held = new TreeMap<>();
      for (String d : List.of("s1", "s2", "s3", "s4")) {
        held.put(d, Switches.classified(f.net, d));
      }
      f.stopHere("c1");
      f.stopHere("c2");

      f.startHere("c2");
      f.startHere("c1");
      f.awaitMastered("c1", List.of("c1", "c2"), Duration.ofSeconds(15));
      ControllerFixture.await(
          () -> f.readyMasters("c1").values().stream().distinct().count() == 2,
          Duration.ofSeconds(15),
          () -> "masters: " + f.cluster("c1"));
      assertThat(f.api("c1").get("/api/v1/slices").json())
          .extracting(n -> n.get("name").asText())
          .containsExactlyInAnyOrder("a", "b");
      assertThat(f.api("c2").get("/api/v1/slices").json()).hasSize(2);
      for (String d : List.of("s1", "s2", "s3", "s4")) {
        assertThat(Switches.classified(f.net, d)).as(d).isEqualTo(held.get(d));
        String master = f.master("c1", d);
        JsonNode r = f.api(master).get("/api/v1/devices/" + d).json().get("lastReconcile");
        assertThat(r.get("deleted").asInt() + r.get("inserted").asInt() + r.get("modified").asInt())
            .as(d + " reconciled by " + master + ": " + r)
            .isZero();
      }
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      assertThat(f.net.host("b1").ping("10.0.0.13", Duration.ofSeconds(5))).isNotNull();
    }
  }
}
