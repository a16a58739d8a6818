package net.vdn.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.vdn.controller.Http;
import net.vdn.emulation.Topology;
import net.vdn.emulation.UdpReceiver;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KREONET-S sites as domain a, with their own controller, federated with a small second network
 * (domain b: beijing-1 and beijing-2) through a border link from Hong Kong: one request to a gives
 * ping and the metered rate from Daejeon to Beijing across Seoul and Hong Kong, and a second
 * inter-domain slice, from Seoul, is isolated from the first.
 */
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
class KreonetCstnetTest {
  static final Topology CSTNET =
      new Topology(
          List.of(new Topology.Switch("beijing-1", 101), new Topology.Switch("beijing-2", 102)),
          List.of(new Topology.Link("beijing-1", 1, "beijing-2", 1, 1000, 2.0)),
          List.of(
              new Topology.Host("c1", "beijing-2", 10, "00:00:00:00:0c:01", "10.1.0.1"),
              new Topology.Host("c2", "beijing-2", 11, "00:00:00:00:0c:02", "10.1.0.2")));

  @TempDir Path dir;

  @Test
  void oneRequestGivesASliceFromKreonetToTheSecondNetwork() throws Exception {
    try (TwoDomains t =
        TwoDomains.start(dir, 10_000, Topology.kreonetS(), "hongkong", CSTNET, "beijing-1")) {
      Map<String, Integer> bare = t.entries();
      Http.Answer x =
          t.httpA.post(
              "/api/v1/slices",
              InterDomainSliceTest.body("x", "a:daejeon:10", "b:beijing-2:10", 10_000_000));
      assertThat(x.code()).as(x.text()).isEqualTo(201);
      assertThat(t.httpA.get("/api/v1/slices/x").json().get("devices").toString())
          .as("domain a's segment, Daejeon to Hong Kong")
          .contains("daejeon")
          .contains("seoul")
          .contains("hongkong");
      assertThat(t.b.services().slices().get("a.x")).isPresent();
      assertThat(t.netA.host("h1-daejeon").ping("10.1.0.1", Duration.ofSeconds(5)))
          .as("Daejeon -> Beijing")
          .isNotNull();
      UdpReceiver rx = t.netB.host("c1").listen(7000);
      t.netA.host("h1-daejeon").sendUdp("10.1.0.1", 7000, 30_000_000, 1000, Duration.ofSeconds(2));
      Thread.sleep(300);
      // 1000-byte payloads in 1042-byte frames: 10 Mb/s of frames is 9.6 Mb/s of payload.
      assertThat(rx.bitsPerSecond() / 1e6)
          .as("payload through the 10 Mb/s slice, Mb/s")
          .isBetween(9.6 * 0.75, 9.6 * 1.1);

      Http.Answer y =
          t.httpA.post(
              "/api/v1/slices",
              InterDomainSliceTest.body("y", "a:seoul:11", "b:beijing-2:11", 5_000_000));
      assertThat(y.code()).as(y.text()).isEqualTo(201);
      assertThat(t.netA.host("h2-seoul").ping("10.1.0.2", Duration.ofSeconds(5)))
          .as("Seoul -> Beijing in y")
          .isNotNull();
      assertThat(t.netA.host("h2-seoul").ping("10.1.0.1", Duration.ofSeconds(1)))
          .as("y's Seoul host -> x's Beijing host")
          .isNull();
      assertThat(t.netA.host("h1-daejeon").ping("10.1.0.2", Duration.ofSeconds(1)))
          .as("x's Daejeon host -> y's Beijing host")
          .isNull();

      assertThat(t.httpA.delete("/api/v1/slices/x").code()).isEqualTo(204);
      assertThat(t.httpA.delete("/api/v1/slices/y").code()).isEqualTo(204);
      assertThat(t.a.services().slices().list()).isEmpty();
      assertThat(t.b.services().slices().list()).isEmpty();
      assertThat(TwoDomains.reserved(t.a) + TwoDomains.reserved(t.b)).isZero();
      assertThat(t.entries()).isEqualTo(bare);
    }
  }
}
