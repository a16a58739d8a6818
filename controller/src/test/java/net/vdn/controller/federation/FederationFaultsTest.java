package net.vdn.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.Http;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
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
 * Each way an inter-domain request can fail leaves nothing behind in either domain: no slice, no
 * reservation, no held VLAN, and no entry on any switch of either network (read from the switches
 * themselves). Faults come from the network between the controllers ({@link Relay}) and from
 * stopping a controller.
 */
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationFaultsTest {
  static final long HOLD_MS = 2_000;
  TwoDomains t;
  Map<String, Integer> bare;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    t = TwoDomains.start(dir, HOLD_MS);
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
    t.toA.heal();
    t.toB.heal();
  }

  static String body(String name, long cir) {
    return InterDomainSliceTest.body(name, "a:s1:10", "b:b2:10", cir);
  }

  /** Nothing of any inter-domain slice in either domain, on the controllers and the switches. */
  void bothDomainsClean() {
    for (Controller c : new Controller[] {t.a, t.b}) {
      assertThat(c.services().slices().list()).as("slices").isEmpty();
      assertThat(c.services().federation().holds()).as("reservations").isEmpty();
      assertThat(c.services().federation().list()).as("inter-domain slices").isEmpty();
      assertThat(TwoDomains.reserved(c)).as("b/s reserved on links").isZero();
    }
    assertThat(t.entries()).as("entries on the switches").isEqualTo(bare);
  }

  static boolean holds(Controller c, SegmentState s) {
    return c.services().federation().holds().stream().anyMatch(h -> h.state() == s);
  }

  @Test
  @Order(1)
  void theRemoteDomainRefusesAdmission() {
    // A local slice of domain b takes 95 of the 100 Mb/s between b1 and b2.
    SliceSpec local =
        new SliceSpec(
            "local",
            "t",
            300,
            java.util.List.of(Endpoint.of("b1", 12), Endpoint.of("b2", 12)),
            95_000_000,
            95_000_000,
            0);
    t.b.services().slices().create(local);
    Map<String, Integer> withLocal = t.entries();

    Http.Answer a = t.httpA.post("/api/v1/slices", body("x", 10_000_000));
    assertThat(a.code()).as(a.text()).isEqualTo(409);
    assertThat(a.json().at("/error/message").asText()).contains("domain b refused");

    assertThat(t.entries()).isEqualTo(withLocal);
    assertThat(t.a.services().slices().list()).isEmpty();
    assertThat(t.b.services().slices().list()).extracting(s -> s.name()).containsExactly("local");
    assertThat(t.a.services().federation().holds()).isEmpty();
    assertThat(t.b.services().federation().holds()).isEmpty();
    t.b.services().slices().delete("local");
    bothDomainsClean();
  }

  @Test
  @Order(2)
  void theCommitsAnswerIsLostAndTheRetriedCommitIsIdempotent() throws Exception {
    t.toB.arm(new Relay.Fault(() -> holds(t.b, SegmentState.COMMITTED), () -> {}, false));
    Http.Answer a = t.httpA.post("/api/v1/slices", body("x", 10_000_000));
    assertThat(a.code()).as(a.text()).isEqualTo(201);
    assertThat(t.toB.faultsFired()).as("answers dropped").isEqualTo(1);
    assertThat(t.b.services().federation().holds()).hasSize(1);
    assertThat(t.b.services().slices().list()).hasSize(1);
    assertThat(t.netA.host("h1").ping("10.0.0.101", Duration.ofSeconds(5))).isNotNull();

    assertThat(t.httpA.delete("/api/v1/slices/x").code()).isEqualTo(204);
    bothDomainsClean();
  }

  @Test
  @Order(3)
  void aCommitThatNeverArrivesTimesOutAndTheRemoteReleasesItself() {
    int fired = t.toB.faultsFired();
    // The reserve's answer is lost, and nothing reaches domain b afterwards: no commit, no abort.
    t.toB.arm(new Relay.Fault(() -> holds(t.b, SegmentState.HELD), () -> {}, true));
    Http.Answer a = t.httpA.post("/api/v1/slices", body("x", 10_000_000));
    assertThat(a.code()).as(a.text()).isEqualTo(409);
    assertThat(t.toB.faultsFired()).as("domain b held the reservation").isEqualTo(fired + 1);
    assertThat(t.a.services().federation().holds()).isEmpty();
    ControllerFixture.await(
        () -> t.b.services().federation().holds().isEmpty(),
        Duration.ofMillis(HOLD_MS + 2_000),
        () -> "domain b still holds " + t.b.services().federation().holds());
    bothDomainsClean();
  }

  @Test
  @Order(4)
  void theRemoteControllerIsKilledBetweenReserveAndCommit() throws Exception {
    int fired = t.toB.faultsFired();
    t.toB.arm(new Relay.Fault(() -> holds(t.b, SegmentState.HELD), () -> t.b.close(), false));
    Http.Answer a = t.httpA.post("/api/v1/slices", body("x", 10_000_000));
    assertThat(a.code()).as(a.text()).isEqualTo(409);
    assertThat(t.toB.faultsFired()).isEqualTo(fired + 1);
    assertThat(t.a.services().slices().list()).isEmpty();
    assertThat(t.a.services().federation().holds()).isEmpty();
    assertThat(TwoDomains.reserved(t.a)).isZero();

    // Domain b comes back on its store: what it held uncommitted is released.
    t.startB();
    t.awaitLinks();
    bothDomainsClean();

    Http.Answer again = t.httpA.post("/api/v1/slices", body("x", 10_000_000));
    assertThat(again.code()).as(again.text()).isEqualTo(201);
    assertThat(t.netA.host("h1").ping("10.0.0.101", Duration.ofSeconds(5))).isNotNull();
    assertThat(t.httpA.delete("/api/v1/slices/x").code()).isEqualTo(204);
    bothDomainsClean();
  }
}
