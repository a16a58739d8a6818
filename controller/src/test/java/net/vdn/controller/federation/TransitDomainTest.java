package net.vdn.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.Http;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.emulation.UdpReceiver;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slice between two domains that are not peers, across a transit domain ({@link ThreeDomains}):
 * domain a learns from b's advertisement that b reaches c, one request to a gives ping and the
 * metered rate from a to c, with b carrying a border-to-border segment and translating between the
 * VLANs of its two border links; changes and deletion reach all three; a refusal in c, or c's
 * answer lost between b and c, leaves nothing in any domain.
 */
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransitDomainTest {
  static final long HOLD_MS = 2_000;
  ThreeDomains t;
  Map<String, Integer> bare;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    t = ThreeDomains.start(dir, HOLD_MS);
    bare = t.entries();
  }

  @AfterAll
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  @BeforeEach
  void heal() {
    t.toB.heal();
    t.toC.heal();
  }

  /** Nothing of any inter-domain slice in any domain, on the controllers and the switches. */
  void allDomainsClean() {
    for (Controller c : t.all()) {
      assertThat(c.services().slices().list()).as("slices").isEmpty();
      assertThat(c.services().federation().holds()).as("reservations").isEmpty();
      assertThat(c.services().federation().list()).as("inter-domain slices").isEmpty();
      assertThat(TwoDomains.reserved(c)).as("b/s reserved on links").isZero();
    }
    assertThat(t.entries()).as("entries on the switches").isEqualTo(bare);
  }

  static String body(String name, String from, String to, long cir) {
    return InterDomainSliceTest.body(name, from, to, cir);
  }

  /** A slice of domain c's own across c1-c2. */
  static SliceSpec local(long bps) {
    return new SliceSpec(
        "local", "t", 500, List.of(Endpoint.of("c1", 12), Endpoint.of("c2", 12)), bps, bps, 0);
  }

  @Test
  @Order(1)
  void aSliceAcrossATransitDomainWorksEndToEndAndIsIsolated() throws Exception {
    JsonNode fed = t.httpA.get("/api/v1/federation").json();
    JsonNode reach = fed.get("peers").get(0).get("reach");
    assertThat(reach.toString()).as("what b advertises to a").contains("\"domain\":\"c\"");
    assertThat(reach.get(0).get("bps").asLong()).isEqualTo(100_000_000);
    assertThat(fed.get("peers").toString()).as("nothing of c's inside").doesNotContain("c2");

    Http.Answer x = t.httpA.post("/api/v1/slices", body("x", "a:s1:10", "c:c2:10", 10_000_000));
    assertThat(x.code()).as(x.text()).isEqualTo(201);
    JsonNode shown = t.httpA.get("/api/v1/slices/x").json();
    List<String> seen = new ArrayList<>();
    shown
        .get("domains")
        .forEach(
            d ->
                seen.add(
                    d.get("domain").asText()
                        + "="
                        + d.get("state").asText()
                        + "@"
                        + d.get("vlan").asInt()
                        + (d.has("via") ? " via " + d.get("via").asText() : "")));
    assertThat(seen).containsExactly("a=committed@100", "b=committed@100", "c=committed@300 via b");
    // b's segment joins its two border links: VLAN 100 towards a, 300 towards c (translated).
    SliceSpec inB = t.b.services().slices().get("a.x").orElseThrow().spec();
    assertThat(inB.sliceId()).isEqualTo(100);
    assertThat(inB.endpoints())
        .extracting(e -> e.device() + ":" + e.port() + ":" + e.vlan())
        .containsExactlyInAnyOrder("b1:20:100", "b2:21:300");
    assertThat(t.c.services().slices().get("b.a.x").orElseThrow().spec().sliceId()).isEqualTo(300);
    assertThat(t.a.services().federation().list()).hasSize(1);
    assertThat(t.b.services().federation().list()).as("b keeps holds, not slices").isEmpty();

    assertThat(t.netA.host("h1").ping("10.0.0.201", Duration.ofSeconds(5)))
        .as("h1 (a) -> k1 (c) across b")
        .isNotNull();
    UdpReceiver rx = t.netC.host("k1").listen(7000);
    t.netA.host("h1").sendUdp("10.0.0.201", 7000, 30_000_000, 1000, Duration.ofSeconds(2));
    Thread.sleep(300);
    // 1000-byte payloads in 1042-byte frames: 10 Mb/s of frames is 9.6 Mb/s of payload.
    assertThat(rx.bitsPerSecond() / 1e6)
        .as("payload through the 10 Mb/s slice across three domains, Mb/s")
        .isBetween(9.6 * 0.75, 9.6 * 1.1);

    Http.Answer y = t.httpA.post("/api/v1/slices", body("y", "a:s1:11", "c:c2:11", 5_000_000));
    assertThat(y.code()).as(y.text()).isEqualTo(201);
    assertThat(t.c.services().slices().get("b.a.y").orElseThrow().spec().sliceId()).isEqualTo(301);
    assertThat(t.netA.host("h2").ping("10.0.0.202", Duration.ofSeconds(5)))
        .as("h2 -> k2")
        .isNotNull();
    assertThat(t.netA.host("h2").ping("10.0.0.201", Duration.ofSeconds(1))).as("h2 -> k1").isNull();
    assertThat(t.netA.host("h1").ping("10.0.0.202", Duration.ofSeconds(1))).as("h1 -> k2").isNull();

    Http.Answer bigger =
        t.httpA.put("/api/v1/slices/x", body("x", "a:s1:10", "c:c2:10", 20_000_000));
    assertThat(bigger.code()).as(bigger.text()).isEqualTo(200);
    for (var at : List.of(Map.entry(t.a, "x"), Map.entry(t.b, "a.x"), Map.entry(t.c, "b.a.x"))) {
      assertThat(at.getKey().services().slices().get(at.getValue()).orElseThrow().spec().cirBps())
          .as(at.getValue())
          .isEqualTo(20_000_000);
    }
    // A local slice of c takes 60 of c1-c2's 100 Mb/s: a and b have room for 50, c has not.
    t.c.services().slices().create(local(60_000_000));
    Http.Answer tooBig =
        t.httpA.put("/api/v1/slices/x", body("x", "a:s1:10", "c:c2:10", 50_000_000));
    assertThat(tooBig.code()).as(tooBig.text()).isEqualTo(409);
    assertThat(tooBig.json().at("/error/message").asText()).contains("domain c refused");
    t.c.services().slices().delete("local");
    for (var at : List.of(Map.entry(t.a, "x"), Map.entry(t.b, "a.x"), Map.entry(t.c, "b.a.x"))) {
      assertThat(at.getKey().services().slices().get(at.getValue()).orElseThrow().spec().cirBps())
          .as(at.getValue())
          .isEqualTo(20_000_000);
    }

    assertThat(t.httpA.delete("/api/v1/slices/x").code()).isEqualTo(204);
    assertThat(t.httpA.delete("/api/v1/slices/y").code()).isEqualTo(204);
    allDomainsClean();
  }

  @Test
  @Order(2)
  void aRefusalBeyondTheTransitLeavesNothingInAnyDomain() throws Exception {
    // A local slice of domain c takes all of c1-c2.
    t.c.services().slices().create(local(100_000_000));
    Map<String, Integer> withLocal = t.entries();
    Http.Answer x = t.httpA.post("/api/v1/slices", body("x", "a:s1:10", "c:c2:10", 10_000_000));
    assertThat(x.code()).as(x.text()).isEqualTo(409);
    assertThat(x.json().at("/error/message").asText())
        .contains("domain b refused")
        .contains("domain c refused");
    assertThat(t.entries()).isEqualTo(withLocal);
    for (Controller c : List.of(t.a, t.b)) {
      assertThat(c.services().slices().list()).isEmpty();
    }
    t.c.services().slices().delete("local");
    allDomainsClean();
  }

  @Test
  @Order(3)
  void theNextDomainsAnswerIsLostAndEveryDomainReleases() throws Exception {
    // Between b and c: c's answer to the reserve is lost, and nothing reaches c afterwards.
    t.toC.arm(
        new Relay.Fault(
            () ->
                t.c.services().federation().holds().stream()
                    .anyMatch(h -> h.state() == SegmentState.HELD),
            () -> {},
            true));
    Http.Answer x = t.httpA.post("/api/v1/slices", body("x", "a:s1:10", "c:c2:10", 10_000_000));
    assertThat(x.code()).as(x.text()).isEqualTo(409);
    assertThat(x.json().at("/error/message").asText()).contains("domain c");
    assertThat(t.toC.faultsFired()).isEqualTo(1);
    for (Controller c : List.of(t.a, t.b)) {
      assertThat(c.services().federation().holds()).isEmpty();
      assertThat(TwoDomains.reserved(c)).isZero();
    }
    ControllerFixture.await(
        () -> t.c.services().federation().holds().isEmpty(),
        Duration.ofMillis(HOLD_MS + 2_000),
        () -> "domain c still holds " + t.c.services().federation().holds());
    allDomainsClean();

    t.toC.heal();
    Http.Answer again = t.httpA.post("/api/v1/slices", body("x", "a:s1:10", "c:c2:10", 10_000_000));
    assertThat(again.code()).as(again.text()).isEqualTo(201);
    assertThat(t.netA.host("h1").ping("10.0.0.201", Duration.ofSeconds(5))).isNotNull();
    assertThat(t.httpA.delete("/api/v1/slices/x").code()).isEqualTo(204);
    allDomainsClean();
  }
}
