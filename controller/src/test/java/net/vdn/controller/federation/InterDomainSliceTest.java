package net.vdn.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.controller.Http;
import net.vdn.controller.cli.Vdnctl;
import net.vdn.emulation.UdpReceiver;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two domains with their own controllers and networks: one request to domain a gives a slice end to
 * end (ping, the metered rate), a second one is isolated from the first, and both are shown,
 * changed and deleted across the domains.
 */
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
class InterDomainSliceTest {
  @TempDir Path dir;

  /** Runs vdnctl against domain a: exit code, then what it printed. */
  static String[] vdnctl(TwoDomains t, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cl = Vdnctl.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    List<String> all = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + t.a.restPort()));
    all.addAll(List.of(args));
    int code = cl.execute(all.toArray(String[]::new));
    return new String[] {String.valueOf(code), out.toString()};
  }

  static String body(String name, String from, String to, long cir) {
    return """
        {"name": "%s", "endpoints": ["%s", "%s"], "cirBps": %d, "burstMs": 20}"""
        .formatted(name, from, to, cir);
  }

  @Test
  void oneRequestGivesASliceAcrossTwoDomainsIsolatedFromAnother() throws Exception {
    try (TwoDomains t = TwoDomains.start(dir, 10_000)) {
      Map<String, Integer> bare = t.entries();

      Http.Answer x = t.httpA.post("/api/v1/slices", body("x", "a:s1:10", "b:b2:10", 10_000_000));
      assertThat(x.code()).as(x.text()).isEqualTo(201);
      assertThat(x.json().get("vlan").asInt()).isEqualTo(100);
      JsonNode shown = t.httpA.get("/api/v1/slices/x").json();
      List<String> states = new ArrayList<>();
      shown
          .get("domains")
          .forEach(d -> states.add(d.get("domain").asText() + "=" + d.get("state").asText()));
      assertThat(states).containsExactly("a=committed", "b=committed");
      assertThat(shown.get("domains").get(1).get("endpoints").toString()).contains("b:b1:20:100");
      assertThat(t.b.services().slices().get("a.x")).isPresent();

      assertThat(t.netA.host("h1").ping("10.0.0.101", Duration.ofSeconds(5)))
          .as("h1 -> g1 across the border")
          .isNotNull();
      UdpReceiver rx = t.netB.host("g1").listen(7000);
      t.netA.host("h1").sendUdp("10.0.0.101", 7000, 30_000_000, 1000, Duration.ofSeconds(2));
      Thread.sleep(300);
      double mbps = rx.bitsPerSecond() / 1e6;
      // 1000-byte payloads in 1042-byte frames: 10 Mb/s of frames is 9.6 Mb/s of payload.
      assertThat(mbps)
          .as("payload through the 10 Mb/s slice, Mb/s")
          .isBetween(9.6 * 0.85, 9.6 * 1.1);

      String[] created =
          vdnctl(
              t,
              "slice",
              "create",
              "y",
              "--endpoint",
              "a:s1:11",
              "--endpoint",
              "b:b2:11",
              "--cir",
              "5M");
      assertThat(created[0]).as(created[1]).isEqualTo("0");
      assertThat(t.httpA.get("/api/v1/slices/y").json().get("vlan").asInt()).isEqualTo(101);
      String[] show = vdnctl(t, "slice", "show", "x");
      assertThat(show[1]).contains("\"domains\"").contains("\"a.x\"").contains("committed");
      assertThat(t.netA.host("h2").ping("10.0.0.102", Duration.ofSeconds(5)))
          .as("h2 -> g2")
          .isNotNull();
      assertThat(t.netA.host("h2").ping("10.0.0.101", Duration.ofSeconds(1)))
          .as("h2 -> g1")
          .isNull();
      assertThat(t.netA.host("h1").ping("10.0.0.102", Duration.ofSeconds(1)))
          .as("h1 -> g2")
          .isNull();

      JsonNode fed = t.httpA.get("/api/v1/federation").json();
      assertThat(fed.get("domain").asText()).isEqualTo("a");
      JsonNode border = fed.get("peers").get(0).get("borders").get(0);
      assertThat(border.get("linkLeftBps").asLong()).isEqualTo(85_000_000);
      assertThat(fed.get("peers").get(0).toString()).doesNotContain("b2");

      Http.Answer bigger =
          t.httpA.put("/api/v1/slices/x", body("x", "a:s1:10", "b:b2:10", 20_000_000));
      assertThat(bigger.code()).as(bigger.text()).isEqualTo(200);
      assertThat(t.b.services().slices().get("a.x").orElseThrow().spec().cirBps())
          .isEqualTo(20_000_000);
      Http.Answer tooBig =
          t.httpA.put("/api/v1/slices/x", body("x", "a:s1:10", "b:b2:10", 99_000_000));
      assertThat(tooBig.code()).as(tooBig.text()).isEqualTo(409);
      assertThat(t.a.services().slices().get("x").orElseThrow().spec().cirBps())
          .isEqualTo(20_000_000);
      assertThat(t.b.services().slices().get("a.x").orElseThrow().spec().cirBps())
          .isEqualTo(20_000_000);

      assertThat(t.httpA.delete("/api/v1/slices/x").code()).isEqualTo(204);
      assertThat(t.httpA.delete("/api/v1/slices/y").code()).isEqualTo(204);
      assertThat(t.b.services().slices().list()).isEmpty();
      assertThat(t.a.services().slices().list()).isEmpty();
      assertThat(t.a.services().federation().holds()).isEmpty();
      assertThat(t.b.services().federation().holds()).isEmpty();
      assertThat(TwoDomains.reserved(t.a) + TwoDomains.reserved(t.b)).isZero();
      assertThat(t.entries()).isEqualTo(bare);
    }
  }

  @Test
  void twoDomainsAskingEachOtherAtOnceBothSucceed() throws Exception {
    try (TwoDomains t = TwoDomains.start(dir, 10_000)) {
      Http httpB = new Http(t.b.restPort());
      for (int round = 0; round < 5; round++) {
        String x = "x" + round;
        String y = "y" + round;
        var fromA =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> t.httpA.post("/api/v1/slices", body(x, "a:s1:10", "b:b2:10", 1_000_000)));
        var fromB =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> httpB.post("/api/v1/slices", body(y, "b:b2:11", "a:s1:11", 1_000_000)));
        Http.Answer a = fromA.get();
        Http.Answer b = fromB.get();
        // Each domain's request waits on the other while the other's waits on it: neither may
        // block the other's reservation.
        assertThat(a.code()).as(a.text()).isEqualTo(201);
        assertThat(b.code()).as(b.text()).isEqualTo(201);
        assertThat(t.httpA.delete("/api/v1/slices/" + x).code()).isEqualTo(204);
        assertThat(httpB.delete("/api/v1/slices/" + y).code()).isEqualTo(204);
      }
      assertThat(t.a.services().federation().holds()).isEmpty();
      assertThat(t.b.services().federation().holds()).isEmpty();
    }
  }
}
