package net.vdn.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import net.vdn.controller.Http;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.emulation.UdpReceiver;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two domains declare VLAN ranges on their border link that do not overlap (a: 100-109, b:
 * 300-309): a slice still runs end to end, the frames on the link carry a's VLAN, domain b
 * translates it to its own at its border port and carries its segment on its own VLAN inside; a
 * peer's choice that is outside b's range or taken is refused and leaves nothing.
 */
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
class BorderVlanTranslationTest {
  @TempDir Path dir;

  /** The VLAN of an IPv4 or ARP frame (0 untagged); other frames (link probes) are not counted. */
  private static Consumer<byte[]> vlansOf(Set<Integer> into) {
    return f -> {
      int type = (f[12] & 0xff) << 8 | (f[13] & 0xff);
      int vid = 0;
      if (type == 0x8100 && f.length >= 18) {
        vid = ((f[14] & 0x0f) << 8) | (f[15] & 0xff);
        type = (f[16] & 0xff) << 8 | (f[17] & 0xff);
      }
      if (type == 0x0800 || type == 0x0806) {
        into.add(vid);
      }
    };
  }

  private static String reserve(String id, int segmentVlan, int linkVlan) {
    return """
        {"id": "%s", "origin": "a", "name": "%s", "vlan": %d, "cirBps": 1000000,
         "pirBps": 1000000, "burstMs": 0, "trafficClass": 0,
         "endpoints": [{"device": "b1", "port": 20, "border": true, "vlan": %d},
                       {"device": "b2", "port": 11, "border": false, "vlan": null}]}"""
        .formatted(id, id, segmentVlan, linkVlan);
  }

  @Test
  void domainsWithoutACommonVlanTranslateAtTheBorder() throws Exception {
    try (TwoDomains t = TwoDomains.start(dir, 10_000, new int[] {100, 109}, new int[] {300, 309})) {
      var bare = t.entries();
      Set<Integer> aToB = ConcurrentHashMap.newKeySet();
      Set<Integer> bToA = ConcurrentHashMap.newKeySet();
      Set<Integer> insideB = ConcurrentHashMap.newKeySet();
      t.netA.tap("s2", 20, vlansOf(aToB));
      t.netB.tap("b1", 20, vlansOf(bToA));
      t.netB.tap("b1", 1, vlansOf(insideB));

      Http.Answer x =
          t.httpA.post(
              "/api/v1/slices", InterDomainSliceTest.body("x", "a:s1:10", "b:b2:10", 10_000_000));
      assertThat(x.code()).as(x.text()).isEqualTo(201);
      JsonNode shown = t.httpA.get("/api/v1/slices/x").json();
      assertThat(shown.get("vlan").asInt()).isEqualTo(100);
      JsonNode segB = shown.get("domains").get(1);
      assertThat(segB.get("domain").asText()).isEqualTo("b");
      assertThat(segB.get("vlan").asInt()).as("b's own VLAN").isEqualTo(300);
      assertThat(segB.get("endpoints").toString()).contains("b:b1:20:100");
      SliceSpec inB = t.b.services().slices().get("a.x").orElseThrow().spec();
      assertThat(inB.sliceId()).isEqualTo(300);
      assertThat(inB.endpoints()).contains(new Endpoint("b1", 20, null, null, 100));

      assertThat(t.netA.host("h1").ping("10.0.0.101", Duration.ofSeconds(5)))
          .as("h1 -> g1 across a translating border")
          .isNotNull();
      assertThat(aToB).as("VLANs a sends on the border link").containsExactly(100);
      assertThat(bToA).as("VLANs b sends on the border link").containsExactly(100);
      assertThat(insideB).as("VLANs on b's inside link").containsExactly(300);
      // The taps run on the links' senders: off while the rate is measured.
      t.netA.tap("s2", 20, null);
      t.netB.tap("b1", 20, null);
      t.netB.tap("b1", 1, null);
      UdpReceiver rx = t.netB.host("g1").listen(7000);
      t.netA.host("h1").sendUdp("10.0.0.101", 7000, 30_000_000, 1000, Duration.ofSeconds(2));
      Thread.sleep(300);
      assertThat(rx.bitsPerSecond() / 1e6)
          .as("payload through the 10 Mb/s slice, Mb/s")
          .isBetween(9.6 * 0.85, 9.6 * 1.1);

      Http.Answer y =
          t.httpA.post(
              "/api/v1/slices", InterDomainSliceTest.body("y", "a:s1:11", "b:b2:11", 5_000_000));
      assertThat(y.code()).as(y.text()).isEqualTo(201);
      assertThat(y.json().get("vlan").asInt()).isEqualTo(101);
      assertThat(y.json().get("domains").get(1).get("vlan").asInt()).isEqualTo(301);
      assertThat(t.netA.host("h2").ping("10.0.0.102", Duration.ofSeconds(5))).isNotNull();
      assertThat(t.netA.host("h2").ping("10.0.0.101", Duration.ofSeconds(1))).isNull();

      // Domain a's peer asks b directly for choices b cannot take: nothing is held.
      SSLContext peerA =
          PeerRequestsRefusedTest.context(
              t.certsA.clientCert(), t.certsA.clientKey(), t.certsB.ca());
      String at = "https://127.0.0.1:" + t.b.peeringPort() + "/federation/v1/reservations";
      record Case(String body, String says) {}
      for (Case c :
          new Case[] {
            new Case(reserve("r1", 305, 100), "taken by slice 'a.x'"),
            new Case(reserve("r2", 300, 105), "VLAN 300 is taken"),
            new Case(reserve("r3", 200, 120), "outside its range 300..309"),
            new Case(reserve("r4", 120, 120), "outside its range 300..309"),
          }) {
        HttpResponse<String> r = PeerRequestsRefusedTest.call(peerA, "POST", at, c.body());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(r.body()).contains(c.says());
      }
      assertThat(t.b.services().federation().holds()).hasSize(2);
      assertThat(t.b.services().slices().list()).hasSize(2);

      assertThat(t.httpA.delete("/api/v1/slices/x").code()).isEqualTo(204);
      assertThat(t.httpA.delete("/api/v1/slices/y").code()).isEqualTo(204);
      assertThat(t.a.services().federation().holds()).isEmpty();
      assertThat(t.b.services().federation().holds()).isEmpty();
      assertThat(t.b.services().slices().list()).isEmpty();
      assertThat(TwoDomains.reserved(t.a) + TwoDomains.reserved(t.b)).isZero();
      assertThat(t.entries()).isEqualTo(bare);
    }
  }
}
