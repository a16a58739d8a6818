package net.vdn.controller;

import static net.vdn.controller.ControllerFixture.SQUARE;
import static net.vdn.controller.ControllerFixture.await;
import static net.vdn.controller.ControllerFixture.slice;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceState;
import net.vdn.emulation.UdpReceiver;
import net.vdn.p4runtime.ReadQuery;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller as operators run it: switches declared in its config, links discovered by LLDP,
 * slices created over REST on the emulated square s1-s2-s3-s4, traffic from the emulated hosts.
 */
class ControllerEndToEndTest {
  @TempDir Path dir;

  @Test
  void aSliceAcrossThreeSwitchesCarriesItsTenantsTrafficAndNoOneElses() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      Http.Answer a = f.http.post("/api/v1/slices", slice("a", "tenant-a", 100, 10, 20_000_000));
      assertThat(a.code()).as(a.text()).isEqualTo(201);
      assertThat(a.json().get("devices")).hasSize(3);
      assertThat(a.json().get("paths").get(0)).hasSize(2);
      Http.Answer b = f.http.post("/api/v1/slices", slice("b", "tenant-b", 200, 11, 20_000_000));
      assertThat(b.code()).as(b.text()).isEqualTo(201);

      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      assertThat(f.net.host("b1").ping("10.0.0.13", Duration.ofSeconds(5))).isNotNull();
      assertThat(f.net.host("a1").ping("10.0.0.13", Duration.ofSeconds(1))).isNull();
      assertThat(f.net.host("b1").ping("10.0.0.3", Duration.ofSeconds(1))).isNull();

      // Tenant b forges slice a's VLAN tag and a3's MAC: dropped at s1, counted, never delivered.
      UdpReceiver atA3 = f.net.host("a3").listen(9000);
      long before = unclassified(f, "s1");
      for (int i = 0; i < 20; i++) {
        f.net.host("b1").sendTaggedUdp("00:00:00:00:0a:03", "10.0.0.3", 9000, 100, new byte[64]);
      }
      f.net.host("b1").addNeighbor("10.0.0.3", "00:00:00:00:0a:03");
      f.net.host("b1").sendUdp("10.0.0.3", 9000, 1_000_000, 100, Duration.ofMillis(200));
      await(() -> unclassified(f, "s1") - before >= 20, Duration.ofSeconds(5), () -> "drops");
      Thread.sleep(200);
      assertThat(atA3.packets()).as("datagrams from tenant b that reached a3").isZero();

      // A retried create is idempotent; the same name with other settings is a conflict.
      Http.Answer again =
          f.http.post("/api/v1/slices", slice("a", "tenant-a", 100, 10, 20_000_000));
      assertThat(again.code()).isEqualTo(200);
      Http.Answer other =
          f.http.post("/api/v1/slices", slice("a", "tenant-a", 100, 10, 30_000_000));
      assertThat(other.code()).isEqualTo(409);
      assertThat(f.http.get("/api/v1/slices").json()).hasSize(2);
    }
  }

  @Test
  void aSliceIsMeteredToItsCommittedRateAndCountsWhatItDrops() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      assertThat(f.http.post("/api/v1/slices", slice("a", "t", 100, 10, 10_000_000)).code())
          .isEqualTo(201);
      // Link capacities come from the ports' speeds over gNMI (100 Mb/s here, not the default).
      assertThat(f.http.get("/api/v1/links").json().get(0).get("capacityBps").asLong())
          .isEqualTo(100_000_000L);
      String firstLink = f.http.get("/api/v1/slices/a").json().at("/paths/0/0").asText();
      // First the link's utilization while the slice carries traffic (polling the API at the
      // same time), then its rate on its own: polling would make the sender burstier.
      Thread sender =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      f.net
                          .host("a1")
                          .sendUdp("10.0.0.3", 7001, 50_000_000, 1000, Duration.ofSeconds(3));
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      // While it flows, the sampled counters show the slice's 10 Mb/s on its first link: 0.1.
      double[] seen = {0};
      await(
          () -> {
            for (JsonNode l : f.http.get("/api/v1/links").json()) {
              if ((l.get("src").asText() + " -> " + l.get("dst").asText()).equals(firstLink)) {
                seen[0] = l.get("utilization").asDouble(0);
              }
            }
            return seen[0] > 0.07;
          },
          Duration.ofSeconds(3),
          () -> "utilization of " + firstLink + ": " + seen[0]);
      assertThat(seen[0]).isLessThan(0.15);
      assertThat(f.http.get("/metrics").text())
          .containsPattern(
              "vdn_link_utilization\\{link=\"" + firstLink.replace(" ", "") + "\"\\} 0\\.[01]");
      sender.join();
      UdpReceiver rx = f.net.host("a3").listen(7000);
      f.net.host("a1").sendUdp("10.0.0.3", 7000, 50_000_000, 1000, Duration.ofSeconds(2));
      Thread.sleep(300);
      double mbps = rx.bitsPerSecond() / 1e6;
      // 1000-byte payloads in 1042-byte frames: 10 Mb/s of frames is 9.6 Mb/s of payload.
      assertThat(mbps).as("delivered payload, Mb/s").isBetween(9.6 * 0.9, 9.6 * 1.1);
      JsonNode stats = f.http.get("/api/v1/slices/a/stats").json();
      assertThat(stats.get("droppedPackets").asLong()).isPositive();
      assertThat(stats.get("ingressPackets").asLong()).isGreaterThanOrEqualTo(rx.packets());
      String metrics = f.http.get("/metrics").text();
      assertThat(metrics)
          .contains("vdn_slice_dropped_packets_total{slice=\"a\"}")
          .contains("vdn_slice_programming_seconds_bucket")
          .contains("vdn_devices{state=\"available\"} 4.0")
          .contains("vdn_links 8.0")
          .contains("vdn_slices{status=\"active\"} 1.0");
      assertThat(metric(metrics, "vdn_slice_dropped_packets_total{slice=\"a\"}")).isPositive();
      assertThat(metric(metrics, "vdn_packet_ins_total{kind=\"lldp\"}")).isPositive();
    }
  }

  @Test
  void cuttingALinkMovesTheSliceToTheOtherPathAndTrafficResumes() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      JsonNode created = f.http.post("/api/v1/slices", slice("a", "t", 100, 10, 10_000_000)).json();
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      String firstHop = created.get("paths").get(0).get(0).asText();
      int port = Integer.parseInt(firstHop.substring(3, firstHop.indexOf(' ')));
      long cut = System.nanoTime();
      f.net.setLinkUp("s1", port, false);
      await(
          () -> !pathOf(f, "a").contains(firstHop),
          Duration.ofSeconds(5),
          () -> "slice a still on " + pathOf(f, "a"));
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      System.out.printf(
          "link cut to traffic on the new path: %d ms%n", (System.nanoTime() - cut) / 1_000_000);
      assertThat(f.http.get("/api/v1/slices/a").json().get("status").asText()).isEqualTo("active");

      // Cut the other path too: no way left, so the slice is degraded with the reason.
      String second = pathOf(f, "a").get(0);
      f.net.setLinkUp("s1", Integer.parseInt(second.substring(3, second.indexOf(' '))), false);
      await(
          () -> f.http.get("/api/v1/slices/a").json().get("status").asText().equals("degraded"),
          Duration.ofSeconds(5),
          () -> "slice a not degraded");
      assertThat(f.http.get("/api/v1/slices/a").json().get("degradedReason").asText())
          .containsAnyOf("no path", "no links");
      // A link coming back gives it a path again.
      f.net.setLinkUp("s1", port, true);
      await(
          () -> f.http.get("/api/v1/slices/a").json().get("status").asText().equals("active"),
          Duration.ofSeconds(5),
          () -> "slice a still degraded");
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
    }
  }

  @Test
  void aPortTurnedDownThroughGnmiIsALinkDownAtTheController() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      Http.Answer r = f.http.put("/api/v1/devices/s2/ports/1", "{\"enabled\": false}");
      assertThat(r.code()).as(r.text()).isEqualTo(200);
      assertThat(r.json().get("enabled").asBoolean()).isFalse();
      f.awaitLinks(6);
      assertThat(f.http.get("/api/v1/links").text())
          .doesNotContain("s2:1")
          .doesNotContain("\"s1:1\"");
      Http.Answer created = f.http.post("/api/v1/slices", slice("a", "t", 100, 10, 10_000_000));
      assertThat(created.json().get("devices").toString()).contains("s4").doesNotContain("s2");
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      assertThat(f.http.put("/api/v1/devices/s2/ports/1", "{\"enabled\": true}").code())
          .isEqualTo(200);
      f.awaitLinks(8);
      assertThat(f.http.put("/api/v1/devices/s2/ports/99", "{\"enabled\": true}").code())
          .isEqualTo(404);
    }
  }

  @Test
  void aRestartedControllerKeepsEverySliceAndRewritesNothing() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      f.http.post("/api/v1/slices", slice("a", "t", 100, 10, 10_000_000));
      f.http.post("/api/v1/slices", slice("b", "u", 200, 11, 10_000_000));
      String pathsBefore = f.http.get("/api/v1/slices").json().toString();
      Map<String, Long> reservedBefore = reserved(f);
      f.restartController();
      assertThat(f.controller.restoreReports()).hasSize(4);
      f.controller
          .restoreReports()
          .forEach((d, r) -> assertThat(r.changes()).as("%s rewritten", d).isZero());
      assertThat(f.http.get("/api/v1/slices").json().toString()).isEqualTo(pathsBefore);
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      assertThat(f.net.host("b1").ping("10.0.0.13", Duration.ofSeconds(5))).isNotNull();
      f.awaitLinks(8);
      assertThat(reserved(f)).as("reservations after the restart").isEqualTo(reservedBefore);
    }
  }

  @Test
  void aRestartedSoftswitchIsReconciledToExactlyTheMirror() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      f.http.post("/api/v1/slices", slice("a", "t", 100, 10, 10_000_000));
      int entities = s1(f).mirrorEntries();
      f.net.restart("s1");
      await(
          () -> s1(f).lastReconcile() != null && s1(f).lastReconcile().inserted() == entities,
          Duration.ofSeconds(10),
          () -> "s1 reconcile: " + s1(f).lastReconcile() + ", state " + s1(f).state());
      await(
          () -> s1(f).state() == DeviceState.AVAILABLE,
          Duration.ofSeconds(5),
          () -> "s1 " + s1(f).state());
      assertThat(f.services().devices().reconcile("s1").changes())
          .as("differences left after reconciling")
          .isZero();
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
    }
  }

  /**
   * The links as listed, without their measured utilization (it moves with whatever crosses the
   * links, such as discovery's probes, whatever the slices do).
   */
  private static String reservations(ControllerFixture f) {
    JsonNode links = f.http.get("/api/v1/links").json();
    links.forEach(l -> ((com.fasterxml.jackson.databind.node.ObjectNode) l).remove("utilization"));
    return links.toString();
  }

  @Test
  void overSubscriptionIsRefusedWith409AndChangesNothing() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      assertThat(f.http.post("/api/v1/slices", slice("a", "t", 100, 10, 60_000_000)).code())
          .isEqualTo(201);
      assertThat(f.http.post("/api/v1/slices", slice("b", "u", 200, 11, 60_000_000)).code())
          .isEqualTo(201);
      Map<String, Integer> mirrors = mirrorSizes(f);
      String links = reservations(f);
      Http.Answer refused =
          f.http.post(
              "/api/v1/slices",
              """
              {"name": "c", "tenant": "v", "sliceId": 300, "cirBps": 60000000,
               "endpoints": [{"device": "s1", "port": 12}, {"device": "s3", "port": 12}]}""");
      assertThat(refused.code()).as(refused.text()).isEqualTo(409);
      assertThat(refused.json().at("/error/status").asText()).isEqualTo("ADMISSION_REFUSED");
      assertThat(refused.json().at("/error/message").asText()).contains("slice c");
      assertThat(f.http.get("/api/v1/slices").json()).hasSize(2);
      assertThat(mirrorSizes(f)).isEqualTo(mirrors);
      assertThat(reservations(f)).isEqualTo(links);

      // Growing a slice past what any path has is refused the same way; it stays as it was.
      Http.Answer grow = f.http.put("/api/v1/slices/a", slice("a", "t", 100, 10, 120_000_000));
      assertThat(grow.code()).isEqualTo(409);
      assertThat(f.http.get("/api/v1/slices/a").json().get("cirBps").asLong())
          .isEqualTo(60_000_000);
      Http.Answer shrink = f.http.put("/api/v1/slices/a", slice("a", "t", 100, 10, 30_000_000));
      assertThat(shrink.code()).as(shrink.text()).isEqualTo(200);
      assertThat(f.http.get("/api/v1/links").text()).contains("\"reservedBps\" : 30000000");
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      assertThat(f.http.delete("/api/v1/slices/a").code()).isEqualTo(204);
      assertThat(f.http.delete("/api/v1/slices/a").code()).isEqualTo(404);
    }
  }

  @Test
  void devicesDeclaredOverRestAreConnectedAndDiscovered() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.controller.close();
      java.nio.file.Files.deleteIfExists(f.store);
      java.nio.file.Files.deleteIfExists(f.store.resolveSibling("state.json.journal"));
      f.startController(List.of());
      assertThat(f.http.get("/api/v1/devices").json()).isEmpty();
      for (var d : f.devices()) {
        String body =
            """
            {"name": "%s", "p4runtime": "%s", "deviceId": %d, "gnmi": "%s"}"""
                .formatted(d.name(), d.p4runtime(), d.deviceId(), d.gnmi());
        Http.Answer r = f.http.post("/api/v1/devices", body);
        assertThat(r.code()).as(r.text()).isEqualTo(201);
      }
      f.awaitLinks(8);
      JsonNode s1 = f.http.get("/api/v1/devices/s1").json();
      assertThat(s1.get("state").asText()).isEqualTo("available");
      assertThat(s1.get("portCount").asInt()).isEqualTo(4);
      assertThat(f.http.get("/api/v1/devices/s1/ports").json().get(0).get("speedBps").asLong())
          .isEqualTo(100_000_000L);
      assertThat(
              f.http
                  .post(
                      "/api/v1/devices",
                      "{\"name\": \"s1\", \"p4runtime\": \"127.0.0.1:1\", \"deviceId\": 9}")
                  .code())
          .isEqualTo(409);
      // Hosts are learned from their ARP requests.
      f.http.post("/api/v1/slices", slice("a", "t", 100, 10, 10_000_000));
      f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5));
      await(
          () -> f.http.get("/api/v1/hosts").json().size() >= 2,
          Duration.ofSeconds(5),
          () -> "hosts " + f.http.get("/api/v1/hosts").text());
      assertThat(f.http.get("/api/v1/hosts").text()).contains("10.0.0.1").contains("s1:10");
      // A device carrying a slice is not forgotten; one that carries none is.
      assertThat(f.http.delete("/api/v1/devices/s1").code()).isEqualTo(409);
      f.http.delete("/api/v1/slices/a");
      assertThat(f.http.delete("/api/v1/devices/s1").code()).isEqualTo(204);
      f.restartController();
      assertThat(f.services().devices().devices())
          .extracting(Device::name)
          .containsExactly("s2", "s3", "s4");
    }
  }

  @Test
  void aDeviceTheConfigDeclaresReplacesAStaleStoredOne() throws Exception {
    // A store from an earlier run whose switch s1 was elsewhere, and a device only REST added.
    var stale = new net.vdn.controller.store.file.FileStore(dir.resolve("state.json"));
    stale.putDevice(net.vdn.controller.device.DeviceConfig.p4("s1", "127.0.0.1:1", 1));
    stale.putDevice(net.vdn.controller.device.DeviceConfig.p4("extra", "127.0.0.1:2", 9));
    try (ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      assertThat(f.http.get("/api/v1/devices/s1").json().get("p4runtime").asText())
          .isEqualTo(f.net.p4runtimeAddress("s1"));
      assertThat(f.http.get("/api/v1/devices/extra").code()).isEqualTo(200);
      assertThat(
              new net.vdn.controller.store.file.FileStore(dir.resolve("state.json"))
                  .devices().stream()
                      .filter(d -> d.name().equals("s1"))
                      .findFirst()
                      .orElseThrow()
                      .p4runtime())
          .isEqualTo(f.net.p4runtimeAddress("s1"));
    }
  }

  private static Device s1(ControllerFixture f) {
    return f.services().devices().device("s1").orElseThrow();
  }

  private static long unclassified(ControllerFixture f, String device) {
    long sum = 0;
    for (Entity e :
        f.reader(device).read(ReadQuery.counter("SliceIngress.classifier.unclassified"))) {
      if (e instanceof CounterEntry c && c.data() != null) {
        sum += c.data().packets();
      }
    }
    return sum;
  }

  private static List<String> pathOf(ControllerFixture f, String slice) {
    List<String> out = new ArrayList<>();
    f.http
        .get("/api/v1/slices/" + slice)
        .json()
        .get("paths")
        .forEach(p -> p.forEach(l -> out.add(l.asText())));
    return out;
  }

  private static Map<String, Long> reserved(ControllerFixture f) {
    Map<String, Long> out = new java.util.TreeMap<>();
    f.http
        .get("/api/v1/links")
        .json()
        .forEach(l -> out.put(l.get("src").asText(), l.get("reservedBps").asLong()));
    return out;
  }

  private static Map<String, Integer> mirrorSizes(ControllerFixture f) {
    return f.mirrorSizes();
  }

  private static double metric(String text, String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no metric " + series);
  }
}
