package net.vdn.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.Http;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two controllers asked at the same moment for what only one can have — the last capacity of a
 * path, one slice id, one edge port: exactly one wins each race, and the store (as both controllers
 * see it) and the switches agree afterwards.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class RacesTest {
  @TempDir Path dir;

  private static String slice(String name, int id, int port1, int port3, long bps) {
    return """
        {"name": "%s", "tenant": "t", "sliceId": %d,
         "endpoints": [{"device": "s1", "port": %d}, {"device": "s3", "port": %d}],
         "cirBps": %d, "pirBps": %d}"""
        .formatted(name, id, port1, port3, bps, bps);
  }

  /** Sends both requests at once, one through each controller; returns both answers. */
  private static List<Http.Answer> race(ClusterFixture f, String first, String second)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<Http.Answer> a =
        CompletableFuture.supplyAsync(
            () -> {
              await(go);
              return f.api("c1").post("/api/v1/slices", first);
            });
    CompletableFuture<Http.Answer> b =
        CompletableFuture.supplyAsync(
            () -> {
              await(go);
              return f.api("c2").post("/api/v1/slices", second);
            });
    go.countDown();
    return List.of(a.get(), b.get());
  }

  private static void await(CountDownLatch l) {
    try {
      l.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Exactly one 201 and one 409; both controllers list the winner only; the switches classify into
   * the winner's slice id and not the loser's.
   */
  private static void oneWins(
      ClusterFixture f, List<Http.Answer> answers, String a, int idA, String b, int idB)
      throws Exception {
    List<Integer> codes = answers.stream().map(Http.Answer::code).sorted().toList();
    assertThat(codes)
        .as(answers.get(0).text() + " / " + answers.get(1).text())
        .containsExactly(201, 409);
    boolean firstWon = answers.get(0).code() == 201;
    String winner = firstWon ? a : b;
    String loser = firstWon ? b : a;
    for (String c : List.of("c1", "c2")) {
      ControllerFixture.await(
          () -> names(f.api(c)).contains(winner) && !names(f.api(c)).contains(loser),
          Duration.ofSeconds(5),
          () -> c + ": " + f.api(c).get("/api/v1/slices").text());
    }
    int winnerId = firstWon ? idA : idB;
    int loserId = firstWon ? idB : idA;
    for (String d : List.of("s1", "s3")) {
      assertThat(Switches.classified(f.net, d)).contains(winnerId);
      if (loserId != winnerId) {
        assertThat(Switches.classified(f.net, d)).doesNotContain(loserId);
      }
    }
  }

  private static List<String> names(Http api) {
    List<String> out = new ArrayList<>();
    api.get("/api/v1/slices").json().forEach(s -> out.add(s.get("name").asText()));
    return out;
  }

  private static List<Integer> ids(Http api) {
    List<Integer> out = new ArrayList<>();
    api.get("/api/v1/slices").json().forEach(s -> out.add(s.get("sliceId").asInt()));
    return out;
  }

  private static void deleteAll(ClusterFixture f) {
    f.api("c1")
        .get("/api/v1/slices")
        .json()
        .forEach(s -> f.api("c1").delete("/api/v1/slices/" + s.get("name").asText()));
  }

  @Test
  void exactlyOneOfTwoControllersWinsEachRace() throws Exception {
    try (ClusterFixture f = ClusterFixture.start(1, ControllerFixture.SQUARE, dir)) {
      f.startHere("c1");
      f.startHere("c2");
      f.awaitMastered("c1", List.of("c1", "c2"), Duration.ofSeconds(15));
      f.awaitLinks("c1", 8, Duration.ofSeconds(15));
      f.awaitLinks("c2", 8, Duration.ofSeconds(15));
      for (int round = 0; round < 3; round++) {
        // The last capacity: one path taken whole, 60 of the other's 100 Mb/s asked twice.
        Http.Answer filler =
            f.api("c1").post("/api/v1/slices", slice("filler", 50, 30, 30, 100_000_000));
        assertThat(filler.code()).as(filler.text()).isEqualTo(201);
        oneWins(
            f,
            race(f, slice("x", 60, 31, 31, 60_000_000), slice("y", 61, 32, 32, 60_000_000)),
            "x",
            60,
            "y",
            61);
        assertThat(f.api("c2").get("/api/v1/links").json())
            .allSatisfy(
                l -> assertThat(l.get("reservedBps").asLong()).isLessThanOrEqualTo(100_000_000));
        deleteAll(f);

        // One slice id, asked for by two slices.
        oneWins(
            f,
            race(f, slice("p", 70, 33, 33, 1_000_000), slice("q", 70, 34, 34, 1_000_000)),
            "p",
            70,
            "q",
            70);
        deleteAll(f);

        // One edge port (every frame of s1 port 35), asked for by two slices.
        oneWins(
            f,
            race(f, slice("r", 80, 35, 36, 1_000_000), slice("t", 81, 35, 37, 1_000_000)),
            "r",
            80,
            "t",
            81);
        deleteAll(f);
        ControllerFixture.await(
            () -> ids(f.api("c2")).isEmpty(), Duration.ofSeconds(5), () -> "slices left");
      }
    }
  }
}
