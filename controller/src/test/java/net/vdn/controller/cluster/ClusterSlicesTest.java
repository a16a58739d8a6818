package net.vdn.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.Http;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three controllers on one etcd and one emulated network: every device has one master, the masters
 * are balanced, and a slice asked of any controller is programmed by the masters of its devices and
 * carries traffic.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class ClusterSlicesTest {
  @TempDir Path dir;

  @Test
  void slicesCreatedThroughEachControllerWorkOnDevicesMasteredElsewhere() throws Exception {
    try (ClusterFixture f = ClusterFixture.start(1, ControllerFixture.SQUARE, dir)) {
      for (String m : List.of("c1", "c2", "c3")) {
        f.startHere(m);
      }
      f.awaitMastered("c1", List.of("c1", "c2", "c3"), Duration.ofSeconds(15));
      ControllerFixture.await(
          () -> f.readyMasters("c2").values().stream().distinct().count() == 3,
          Duration.ofSeconds(15),
          () -> "masters: " + f.cluster("c2"));
      Map<String, Integer> load = new HashMap<>();
      f.readyMasters("c2").values().forEach(m -> load.merge(m, 1, Integer::sum));
      assertThat(load.values())
          .as("4 devices over 3 controllers")
          .containsExactlyInAnyOrder(2, 1, 1);
      for (String d : List.of("s1", "s2", "s3", "s4")) {
        assertThat(f.term("c3", d)).isPositive();
      }
      f.awaitLinks("c3", 8, Duration.ofSeconds(15));

      // What an operator sees: vdnctl cluster and the metrics, from c2.
      java.io.StringWriter out = new java.io.StringWriter();
      picocli.CommandLine cl = net.vdn.controller.cli.Vdnctl.commandLine();
      cl.setOut(new java.io.PrintWriter(out, true));
      int code = cl.execute("--url", "http://127.0.0.1:" + f.here("c2").restPort(), "cluster");
      assertThat(code).as(out.toString()).isZero();
      String shown = out.toString();
      assertThat(shown).contains("etcd cluster, seen from c2");
      for (String m : List.of("c1", "c2", "c3")) {
        assertThat(shown).containsPattern("(?m)^" + m + "( \\(self\\))?\\s+yes\\s");
      }
      for (String d : List.of("s1", "s2", "s3", "s4")) {
        assertThat(shown)
            .containsPattern(
                "(?m)^" + d + "\\s+" + f.master("c2", d) + "\\s+" + f.term("c2", d) + "\\s+yes");
      }
      String metrics = f.api("c2").get("/metrics").text();
      assertThat(metric(metrics, "vdn_cluster_members_alive")).isEqualTo(3);
      assertThat(metric(metrics, "vdn_cluster_mastership_changes_total")).isGreaterThanOrEqualTo(4);
      assertThat(metric(metrics, "vdn_store_requests_seconds_count")).isPositive();
      assertThat(metric(metrics, "vdn_store_requests_seconds_sum")).isPositive();

      // Tenant a's slice through c1, tenant b's through c2: s1 and s3 are mastered by two of them.
      Http.Answer a =
          f.api("c1")
              .post("/api/v1/slices", ControllerFixture.slice("a", "a", 101, 10, 10_000_000));
      assertThat(a.code()).as(a.text()).isEqualTo(201);
      Http.Answer b =
          f.api("c2")
              .post("/api/v1/slices", ControllerFixture.slice("b", "b", 102, 11, 10_000_000));
      assertThat(b.code()).as(b.text()).isEqualTo(201);
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      assertThat(f.net.host("b1").ping("10.0.0.13", Duration.ofSeconds(5))).isNotNull();
      assertThat(f.net.host("b1").ping("10.0.0.3", Duration.ofSeconds(1))).as("isolated").isNull();

      // Every controller answers for both, and a third controller deletes one.
      ControllerFixture.await(
          () -> f.api("c3").get("/api/v1/slices").json().size() == 2,
          Duration.ofSeconds(5),
          () -> f.api("c3").get("/api/v1/slices").text());
      JsonNode seen = f.api("c3").get("/api/v1/slices/a").json();
      assertThat(seen.get("sliceId").asInt()).isEqualTo(101);
      assertThat(f.api("c3").delete("/api/v1/slices/a").code()).isEqualTo(204);
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(1))).as("deleted").isNull();
      assertThat(f.net.host("b1").ping("10.0.0.13", Duration.ofSeconds(5))).isNotNull();
      ControllerFixture.await(
          () -> f.api("c1").get("/api/v1/slices").json().size() == 1,
          Duration.ofSeconds(5),
          () -> f.api("c1").get("/api/v1/slices").text());
    }
  }

  /**
   * A creation's request to the other masters is written in the admission's own transaction: etcd
   * shows the request and the slice's holding at one revision, the slice record at a later one. The
   * slice then works, and a modification (whose request is sent on its own) works too.
   */
  @Test
  void theRequestToOtherMastersIsWrittenWithTheAdmission() throws Exception {
    try (ClusterFixture f = ClusterFixture.start(1, ControllerFixture.SQUARE, dir)) {
      f.startHere("c1");
      f.startHere("c2");
      f.awaitMastered("c1", List.of("c1", "c2"), Duration.ofSeconds(15));
      ControllerFixture.await(
          () -> f.readyMasters("c1").values().stream().distinct().count() == 2,
          Duration.ofSeconds(15),
          () -> "masters: " + f.cluster("c1"));
      f.awaitLinks("c1", 8, Duration.ofSeconds(15));
      List<io.etcd.jetcd.watch.WatchEvent> events =
          java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      try (io.etcd.jetcd.Client client =
              io.etcd.jetcd.Client.builder()
                  .endpoints(f.etcd.endpoints().toArray(String[]::new))
                  .build();
          io.etcd.jetcd.Watch.Watcher w =
              client
                  .getWatchClient()
                  .watch(
                      bytes("/vdn/"),
                      io.etcd.jetcd.options.WatchOption.builder().isPrefix(true).build(),
                      r -> events.addAll(r.getEvents()))) {
        Thread.sleep(200);
        Http.Answer a =
            f.api("c1")
                .post("/api/v1/slices", ControllerFixture.slice("a", "a", 101, 10, 10_000_000));
        assertThat(a.code()).as(a.text()).isEqualTo(201);
        assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
        ControllerFixture.await(
            () -> revisionOf(events, "/vdn/slices/a") > 0,
            Duration.ofSeconds(5),
            () -> "events: " + events.size());
        long held = revisionOf(events, "/vdn/held/a");
        assertThat(requestsFor(events, "a"))
            .as("c1 asks c2 once, with the admission")
            .containsExactly(held);
        assertThat(revisionOf(events, "/vdn/slices/a")).isGreaterThan(held);

        // A modification's request goes with its admission too; the slice carries traffic after.
        long created = revisionOf(events, "/vdn/slices/a");
        Http.Answer m =
            f.api("c1")
                .put("/api/v1/slices/a", ControllerFixture.slice("a", "a", 101, 10, 20_000_000));
        assertThat(m.code()).as(m.text()).isEqualTo(200);
        assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
        ControllerFixture.await(
            () -> revisionOf(events, "/vdn/slices/a") > created,
            Duration.ofSeconds(5),
            () -> "events: " + events.size());
        long modified = revisionOf(events, "/vdn/held/a");
        assertThat(modified).isGreaterThan(created);
        assertThat(requestsFor(events, "a")).as("c1 asks c2 again").containsExactly(held, modified);
      }
    }
  }

  /** A metric's value in the Prometheus text, by its name (without labels). */
  private static double metric(String text, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
    assertThat(m.find()).as(name + " in " + text).isTrue();
    return Double.parseDouble(m.group(2));
  }

  private static io.etcd.jetcd.ByteSequence bytes(String s) {
    return io.etcd.jetcd.ByteSequence.from(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The revisions of the requests to c2 about a slice, in order. */
  private static List<Long> requestsFor(List<io.etcd.jetcd.watch.WatchEvent> events, String slice) {
    synchronized (events) {
      return events.stream()
          .filter(e -> e.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.PUT)
          .filter(e -> text(e.getKeyValue().getKey()).startsWith("/vdn/requests/c2/"))
          .filter(e -> text(e.getKeyValue().getValue()).contains("\"slice\":\"" + slice + "\""))
          .map(e -> e.getKeyValue().getModRevision())
          .toList();
    }
  }

  private static String text(io.etcd.jetcd.ByteSequence b) {
    return b.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The revision of the last put of a key among the events seen, 0 when none. */
  private static long revisionOf(List<io.etcd.jetcd.watch.WatchEvent> events, String key) {
    synchronized (events) {
      return events.stream()
          .filter(e -> e.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.PUT)
          .filter(e -> text(e.getKeyValue().getKey()).equals(key))
          .mapToLong(e -> e.getKeyValue().getModRevision())
          .max()
          .orElse(0);
    }
  }
}
