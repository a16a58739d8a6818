package net.vdn.controller;

import static net.vdn.controller.ControllerFixture.SQUARE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import net.vdn.emulation.UdpReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slice endpoints named by port and customer VLAN (device:port:vlan, as research networks' circuit
 * services name them): the customer's VLAN is translated to the slice's at the edge and back, on
 * the emulated square's softswitches.
 */
class CustomerVlanTest {
  @TempDir Path dir;

  private static String slice(String name, int id, int vlan) {
    return """
        {"name": "%s", "tenant": "t", "sliceId": %d, "cirBps": 10000000, "burstMs": 20,
         "endpoints": [{"device": "s1", "port": 10, "vlan": %d}, {"device": "s3", "port": 10}]}"""
        .formatted(name, id, vlan);
  }

  @Test
  void aCustomerVlanIsTranslatedToTheSliceAndBack() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      Http.Answer a = f.http.post("/api/v1/slices", slice("a", 100, 300));
      assertThat(a.code()).as(a.text()).isEqualTo(201);
      assertThat(f.http.get("/api/v1/slices/a").json().get("endpoints").get(0).get("vlan").asInt())
          .isEqualTo(300);

      // Untagged, a1 is not in the slice: its port carries only VLAN 300 of it.
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(1))).isNull();
      // On VLAN 300 it is; a3 (untagged, at the other end) answers, and the answer comes back to
      // a1 tagged 300 (a1 takes in nothing else).
      f.net.host("a1").useVlan(300);
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      // Another VLAN of the same port is no one's.
      f.net.host("a1").useVlan(301);
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(1))).isNull();

      // Rates hold as for any endpoint: 10 Mb/s of frames is 9.6 Mb/s of 1000-byte payloads (a
      // 20 ms burst, so that what it lets through at once does not count over the 2 s).
      f.net.host("a1").useVlan(300);
      UdpReceiver rx = f.net.host("a3").listen(7100);
      f.net.host("a1").sendUdp("10.0.0.3", 7100, 30_000_000, 1000, Duration.ofSeconds(2));
      Thread.sleep(300);
      assertThat(rx.bitsPerSecond() / 1e6).as("payload Mb/s").isBetween(9.6 * 0.85, 9.6 * 1.1);

      // A second slice may take another VLAN of the same port, not the same one.
      Http.Answer same = f.http.post("/api/v1/slices", slice("b", 200, 300));
      assertThat(same.code()).as(same.text()).isEqualTo(409);
      assertThat(same.text()).contains("slice 'a'");

      // Deleted: VLAN 300 carries nothing any more.
      assertThat(f.http.delete("/api/v1/slices/a").code()).isEqualTo(204);
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(1))).isNull();
    }
  }
}
