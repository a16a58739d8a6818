package net.vdn.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.Http;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two controllers on a three-member etcd: one member killed, the cluster carries on; quorum lost,
 * changes are refused with 503 saying why while traffic keeps flowing; quorum back, changes are
 * accepted again by the same controllers.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class EtcdTroubleTest {
  @TempDir Path dir;

  /** Asks until the answer is not a 503 (the store or a device still coming back). */
  private static Http.Answer untilNot503(Http api, String body, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Http.Answer a = api.post("/api/v1/slices", body);
    while (a.code() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      a = api.post("/api/v1/slices", body);
    }
    return a;
  }

  @Test
  void oneMemberLostIsNothingAndAQuorumLostRefusesChangesUntilItIsBack() throws Exception {
    try (ClusterFixture f = ClusterFixture.start(3, ControllerFixture.SQUARE, dir)) {
      f.startHere("c1");
      f.startHere("c2");
      f.awaitMastered("c1", List.of("c1", "c2"), Duration.ofSeconds(15));
      f.awaitLinks("c1", 8, Duration.ofSeconds(15));
      Http.Answer a =
          f.api("c1")
              .post("/api/v1/slices", ControllerFixture.slice("a", "a", 101, 10, 10_000_000));
      assertThat(a.code()).as(a.text()).isEqualTo(201);

      f.etcd.kill(0);
      Http.Answer b =
          untilNot503(
              f.api("c2"),
              ControllerFixture.slice("b", "b", 102, 11, 10_000_000),
              Duration.ofSeconds(15));
      assertThat(b.code()).as("one etcd member of three down: " + b.text()).isEqualTo(201);
      assertThat(f.net.host("b1").ping("10.0.0.13", Duration.ofSeconds(5))).isNotNull();

      f.etcd.kill(1);
      Http.Answer refused =
          f.api("c1")
              .post(
                  "/api/v1/slices",
                  """
                  {"name": "c", "tenant": "c", "sliceId": 103, "cirBps": 1000000,
                   "endpoints": [{"device": "s1", "port": 20}, {"device": "s3", "port": 20}]}""");
      assertThat(refused.code()).as(refused.text()).isEqualTo(503);
      assertThat(refused.json().get("error").get("message").asText())
          .containsAnyOf("store", "master");
      assertThat(f.api("c2").get("/api/v1/cluster").json().get("storeAvailable").asBoolean())
          .isFalse();
      for (int i = 0; i < 5; i++) {
        assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(1)))
            .as("the data plane keeps its slices without a quorum")
            .isNotNull();
        assertThat(f.net.host("b1").ping("10.0.0.13", Duration.ofSeconds(1))).isNotNull();
      }
      assertThat(f.api("c2").get("/api/v1/slices").json().size()).isEqualTo(2);

      f.etcd.restart(1);
      Http.Answer c =
          untilNot503(
              f.api("c1"),
              """
              {"name": "c", "tenant": "c", "sliceId": 103, "cirBps": 1000000,
               "endpoints": [{"device": "s1", "port": 20}, {"device": "s3", "port": 20}]}""",
              Duration.ofSeconds(30));
      assertThat(c.code()).as("quorum back: " + c.text()).isEqualTo(201);
      assertThat(f.api("c2").get("/api/v1/cluster").json().get("storeAvailable").asBoolean())
          .isTrue();
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      ControllerFixture.await(
          () -> f.api("c2").get("/api/v1/slices").json().size() == 3,
          Duration.ofSeconds(5),
          () -> f.api("c2").get("/api/v1/slices").text());
    }
  }
}
