package net.vdn.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.Http;
import net.vdn.controller.rig.RigController;
import net.vdn.emulation.Topology;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Domain b's controller runs as a process of its own, from its config file, and is killed with
 * SIGKILL once it holds a reservation and before the commit: domain a aborts (its own hold given
 * back), b's switches were never programmed, and b, restarted on its store after the hold's
 * timeout, has released the uncommitted reservation.
 */
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
class RemoteProcessKilledTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long HOLD_MS = 2_000;

  @TempDir Path dir;

  /** Domain b's config file, as its operator writes it. */
  private static String configOfB(TwoDomains t, int restPort, int peeringPort)
      throws java.io.IOException {
    FederationOptions f = t.options("b", t.netB, null).federation();
    ObjectNode c = JSON.createObjectNode();
    c.put("restHost", "127.0.0.1");
    c.put("restPort", restPort);
    c.put("store", "b-state.json");
    c.put("discoveryIntervalMs", 200);
    ArrayNode devices = c.putArray("devices");
    for (Topology.Switch s : t.netB.topology().switches()) {
      ObjectNode d = devices.addObject();
      d.put("name", s.name());
      d.put("p4runtime", t.netB.p4runtimeAddress(s.name()));
      d.put("gnmi", t.netB.p4runtimeAddress(s.name()));
      d.put("deviceId", s.deviceId());
    }
    ObjectNode fed = c.putObject("federation");
    fed.put("domain", "b");
    fed.put("host", "127.0.0.1");
    fed.put("port", peeringPort);
    fed.put("certificate", f.certificate().toString());
    fed.put("key", f.key().toString());
    fed.put("holdMs", HOLD_MS);
    fed.put("requestTimeoutMs", 1000);
    fed.put("attempts", 3);
    ArrayNode peerings = fed.putArray("peerings");
    for (FederationOptions.Peering p : f.peerings()) {
      ObjectNode o = peerings.addObject();
      o.put("localDevice", p.localDevice());
      o.put("localPort", p.localPort());
      o.put("peerDomain", p.peerDomain());
      o.put("peerDevice", p.peerDevice());
      o.put("peerPort", p.peerPort());
      o.put("vlanMin", p.vlanMin());
      o.put("vlanMax", p.vlanMax());
      o.put("capacityBps", p.capacityBps());
      o.put("url", p.url());
      o.put("clientCertificate", p.clientCertificate().toString());
      o.put("clientKey", p.clientKey().toString());
      o.put("peerCa", p.peerCa().toString());
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c);
  }

  /** Whether b's controller answers and holds a reservation uncommitted. */
  private static boolean holding(RigController b) {
    try {
      Http.Answer a = b.http().get("/api/v1/federation");
      return a.code() == 200 && a.json().get("reservations").toString().contains("\"HELD\"");
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Test
  void theRemoteControllerProcessIsKilledBetweenReserveAndCommit() throws Exception {
    try (TwoDomains t = TwoDomains.startAOnly(dir, HOLD_MS)) {
      int peeringPort = RigController.freePort();
      Path bDir = Files.createDirectories(dir.resolve("b"));
      try (RigController b =
          new RigController(
              bDir, RigController.freePort(), rest -> configOfB(t, rest, peeringPort))) {
        t.toB.target(peeringPort);
        ControllerFixture.await(
            () -> b.http().get("/api/v1/links").json().size() == 2,
            Duration.ofSeconds(20),
            () -> "links of b: " + b.http().get("/api/v1/links").text());
        Map<String, Integer> bare = t.entries();

        t.toB.arm(
            new Relay.Fault(
                () -> holding(b),
                () -> {
                  try {
                    b.kill();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                false));
        Http.Answer a =
            t.httpA.post(
                "/api/v1/slices", InterDomainSliceTest.body("x", "a:s1:10", "b:b2:10", 10_000_000));
        assertThat(a.code()).as(a.text()).isEqualTo(409);
        assertThat(t.toB.faultsFired()).as("b was killed holding the reservation").isEqualTo(1);
        assertThat(t.a.services().slices().list()).isEmpty();
        assertThat(t.a.services().federation().holds()).isEmpty();
        assertThat(t.a.services().federation().list()).isEmpty();
        assertThat(TwoDomains.reserved(t.a)).isZero();
        assertThat(t.entries()).as("entries on both networks' switches").isEqualTo(bare);

        // Past the hold's timeout, b comes back on its store: nothing held, nothing programmed.
        Thread.sleep(HOLD_MS + 500);
        b.start();
        Http.Answer fed = b.http().get("/api/v1/federation");
        assertThat(fed.json().get("reservations")).as(fed.text()).isEmpty();
        assertThat(b.http().get("/api/v1/slices").json()).isEmpty();
        assertThat(b.log()).contains("held uncommitted at restart, released");
        assertThat(t.entries()).isEqualTo(bare);
      }
    }
  }
}
