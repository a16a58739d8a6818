package net.vdn.controller;

import static net.vdn.controller.ControllerFixture.SQUARE;
import static net.vdn.controller.ControllerFixture.await;
import static net.vdn.controller.ControllerFixture.slice;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a slice promises, on the emulated square s1-s2-s3-s4 (100 Mb/s links): its rate reserved in
 * both directions whatever the order of its endpoints, the reservations matching what the switches
 * carry, and a switch restart that moves no host and loses no count.
 */
class GuaranteeTest {
  private static String ordered(
      String name, int id, int port, long cir, String first, String second) {
    return """
        {"name": "%s", "tenant": "t", "sliceId": %d, "cirBps": %d,
         "endpoints": [{"device": "%s", "port": %d}, {"device": "%s", "port": %d}]}"""
        .formatted(name, id, cir, first, port, second, port);
  }

  /** Reserved b/s by link direction, as the API shows them. */
  private static Map<String, Long> reservations(ControllerFixture f) {
    Map<String, Long> out = new TreeMap<>();
    for (JsonNode l : f.http.get("/api/v1/links").json()) {
      out.put(l.get("src").asText() + "->" + l.get("dst").asText(), l.get("reservedBps").asLong());
    }
    return out;
  }

  private static List<String> path(Http.Answer slice) {
    List<String> out = new ArrayList<>();
    slice.json().get("paths").forEach(p -> p.forEach(l -> out.add(l.asText())));
    return out;
  }

  @Test
  void aSliceReservesBothDirectionsAndEndpointOrderChangesNothing() throws Exception {
    try (ControllerFixture f = ControllerFixture.inMemory(SQUARE)) {
      f.awaitLinks(8);
      Http.Answer one =
          f.http.post("/api/v1/slices", ordered("x", 100, 10, 60_000_000, "s1", "s3"));
      assertThat(one.code()).as(one.text()).isEqualTo(201);
      Map<String, Long> reserved = reservations(f);
      for (String hop : path(one)) {
        String[] ends = hop.split(" -> ");
        assertThat(reserved.get(ends[0] + "->" + ends[1])).as(hop).isEqualTo(60_000_000L);
        assertThat(reserved.get(ends[1] + "->" + ends[0]))
            .as("back along " + hop)
            .isEqualTo(60_000_000L);
      }
      assertThat(f.http.delete("/api/v1/slices/x").code()).isEqualTo(204);
      Http.Answer other =
          f.http.post("/api/v1/slices", ordered("x", 100, 10, 60_000_000, "s3", "s1"));
      assertThat(other.code()).as(other.text()).isEqualTo(201);
      assertThat(path(other)).isEqualTo(path(one));
      assertThat(reservations(f)).isEqualTo(reserved);

      // Another 60 Mb/s slice, written the other way round, cannot share a direction with x:
      // it takes the other path; a third has no path left in either order, and changes nothing.
      Http.Answer y = f.http.post("/api/v1/slices", ordered("y", 200, 11, 60_000_000, "s3", "s1"));
      assertThat(y.code()).as(y.text()).isEqualTo(201);
      assertThat(path(y)).doesNotContainAnyElementsOf(path(one));
      Map<String, Long> both = reservations(f);
      for (String[] order : new String[][] {{"s1", "s3"}, {"s3", "s1"}}) {
        Http.Answer z =
            f.http.post("/api/v1/slices", ordered("z", 300, 12, 60_000_000, order[0], order[1]));
        assertThat(z.code()).as(z.text()).isEqualTo(409);
        assertThat(reservations(f)).isEqualTo(both);
      }
    }
  }

  @Test
  void theReservationsCoverWhatTheSwitchesCarryInBothDirections() throws Exception {
    try (ControllerFixture f = ControllerFixture.inMemory(SQUARE)) {
      f.awaitLinks(8);
      Http.Answer a = f.http.post("/api/v1/slices", slice("a", "t", 100, 10, 10_000_000));
      assertThat(a.code()).as(a.text()).isEqualTo(201);
      // Both ways at once, each offered three times the rate.
      Thread back =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      f.net
                          .host("a3")
                          .sendUdp("10.0.0.1", 7002, 30_000_000, 1000, Duration.ofSeconds(3));
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      f.net.host("a1").sendUdp("10.0.0.3", 7001, 30_000_000, 1000, Duration.ofSeconds(3));
      back.join();
      // The last counter sample covers the end of the transfer: every direction that carried the
      // slice's traffic has the slice's rate reserved, and carried no more than that (10%).
      int carrying = 0;
      for (JsonNode l : f.http.get("/api/v1/links").json()) {
        double used = l.get("utilization").asDouble(0) * l.get("capacityBps").asLong();
        if (used > 2_000_000) {
          carrying++;
          assertThat(l.get("reservedBps").asLong())
              .as(
                  "reserved on %s -> %s, carrying %.1f Mb/s",
                  l.get("src"), l.get("dst"), used / 1e6)
              .isEqualTo(10_000_000L);
          assertThat(used)
              .as("carried on %s -> %s", l.get("src"), l.get("dst"))
              .isLessThan(11_000_000);
        }
      }
      assertThat(carrying)
          .as("link directions carrying the slice: both ways of its path")
          .isEqualTo(4);
    }
  }

  @Test
  void aRestartedSwitchMovesNoHostLosesNoCountAndCarriesTrafficAgainAtOnce() throws Exception {
    try (ControllerFixture f = ControllerFixture.inMemory(SQUARE)) {
      f.awaitLinks(8);
      Http.Answer a = f.http.post("/api/v1/slices", slice("a", "t", 100, 10, 50_000_000));
      assertThat(a.code()).as(a.text()).isEqualTo(201);
      String middle = path(a).get(0).split(" -> ")[1].split(":")[0];
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      await(
          () -> f.http.get("/api/v1/hosts").json().size() == 2,
          Duration.ofSeconds(5),
          () -> "hosts " + f.http.get("/api/v1/hosts").text());
      String hosts = f.http.get("/api/v1/hosts").text();
      f.net.host("a1").sendUdp("10.0.0.3", 7001, 20_000_000, 1000, Duration.ofSeconds(1));
      JsonNode before = f.http.get("/api/v1/slices/a/stats").json();
      assertThat(before.get("ingressPackets").asLong()).isPositive();

      long restart = System.nanoTime();
      f.net.restart(middle);
      Duration gap = null;
      while (System.nanoTime() - restart < 10_000_000_000L) {
        if (f.net.host("a1").ping("10.0.0.3", Duration.ofMillis(100)) != null) {
          gap = Duration.ofNanos(System.nanoTime() - restart);
          break;
        }
      }
      assertThat(gap).as("traffic through the restarted %s", middle).isNotNull();
      System.out.printf("switch %s restarted: traffic back after %d ms%n", middle, gap.toMillis());
      // Its server was up at once here: a second leaves room for a busy machine.
      assertThat(gap).isLessThan(Duration.ofSeconds(3));

      f.net.host("a1").sendUdp("10.0.0.3", 7001, 20_000_000, 1000, Duration.ofSeconds(1));
      await(
          () ->
              f.http.get("/api/v1/slices/a/stats").json().get("ingressPackets").asLong()
                  > before.get("ingressPackets").asLong(),
          Duration.ofSeconds(5),
          () -> "stats " + f.http.get("/api/v1/slices/a/stats").text());
      JsonNode after = f.http.get("/api/v1/slices/a/stats").json();
      for (String counter :
          List.of("ingressPackets", "ingressBytes", "egressPackets", "egressBytes")) {
        assertThat(after.get(counter).asLong())
            .as(counter)
            .isGreaterThanOrEqualTo(before.get(counter).asLong());
      }
      assertThat(f.http.get("/api/v1/devices/" + middle).json().get("restarts").asLong())
          .as("the controller saw %s lose its state", middle)
          .isPositive();
      // No host was moved: the ARP copies that crossed the restarted switch came in on link ports.
      assertThat(f.http.get("/api/v1/hosts").text()).isEqualTo(hosts);
    }
  }
}
