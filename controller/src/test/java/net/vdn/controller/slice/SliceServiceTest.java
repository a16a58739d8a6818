package net.vdn.controller.slice;

import static net.vdn.controller.ControllerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.store.file.FileStore;
import net.vdn.emulation.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A triangle of emulated softswitches (s1, s2, s3) with 100 Mb/s links; hosts on s1 and s3. A slice
 * takes the direct s1-s3 link; when that link is cut, the slice moves through s2 and traffic
 * resumes. Over-subscription is refused and changes nothing.
 */
class SliceServiceTest {
  private static final Topology TRIANGLE =
      new Topology(
          List.of(
              new Topology.Switch("s1", 1),
              new Topology.Switch("s2", 2),
              new Topology.Switch("s3", 3)),
          List.of(
              new Topology.Link("s1", 1, "s3", 1, 100, 1),
              new Topology.Link("s1", 2, "s2", 1, 100, 1),
              new Topology.Link("s2", 2, "s3", 2, 100, 1)),
          List.of(
              new Topology.Host("h1", "s1", 10, "00:00:00:00:0a:01", "10.0.0.1"),
              new Topology.Host("h3", "s3", 10, "00:00:00:00:0a:03", "10.0.0.3")));

  private static SliceSpec spec(String name, int id, int port, long cir, long pir) {
    return new SliceSpec(
        name,
        "tenant",
        id,
        List.of(
            new Endpoint("s1", port, null, port == 10 ? "00:00:00:00:0a:01" : null),
            new Endpoint("s3", port, null, port == 10 ? "00:00:00:00:0a:03" : null)),
        cir,
        pir,
        0);
  }

  @Test
  void aSliceWithCir10MbpsOffered50MbpsDeliversAbout10Mbps() throws Exception {
    try (ControllerFixture f = ControllerFixture.inMemory(TRIANGLE)) {
      f.awaitLinks(6);
      f.services().slices().create(spec("capped", 310, 10, 10_000_000, 10_000_000));
      var rx = f.net.host("h3").listen(5001);
      f.net.host("h1").sendUdp("10.0.0.3", 5001, 50_000_000, 1000, Duration.ofSeconds(2));
      Thread.sleep(200);
      double mbps = rx.bitsPerSecond() / 1e6;
      // The meter counts whole frames (payload + 42 bytes of headers) against 10 Mb/s.
      assertThat(mbps).as("received UDP payload rate, Mb/s").isBetween(8.5, 11.0);
      assertThat(rx.lost()).isPositive();
    }
  }

  @Test
  void aRestartedControllerKeepsEverySliceAndRewritesNothing(@TempDir Path dir) throws Exception {
    try (ControllerFixture f = ControllerFixture.start(TRIANGLE, dir)) {
      f.awaitLinks(6);
      f.services().slices().create(spec("kept", 320, 10, 10_000_000, 20_000_000));
      // A new controller: new connections, empty mirrors, the same store.
      f.restartController();
      assertThat(f.services().slices().get("kept")).isPresent();
      assertThat(f.controller.restoreReports()).hasSize(3);
      f.controller
          .restoreReports()
          .forEach((device, r) -> assertThat(r.changes()).as("%s rewritten", device).isZero());
      assertThat(f.net.host("h1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      f.services().slices().delete("kept");
      f.controller.close();
      assertThat(new FileStore(f.store).all()).isEmpty();
    }
  }

  @Test
  void aCutLinkMovesTheSliceAndTrafficResumes() throws Exception {
    try (ControllerFixture f = ControllerFixture.inMemory(TRIANGLE)) {
      f.awaitLinks(6);
      SliceService service = f.services().slices();
      Map<String, Integer> empty = f.mirrorSizes();
      Slice slice = service.create(spec("gold", 300, 10, 60_000_000, 80_000_000));
      assertThat(slice.paths().get(0).hops()).isEqualTo(1);
      assertThat(f.net.host("h1").ping("10.0.0.3", Duration.ofSeconds(5)))
          .as("before the cut")
          .isNotNull();

      Map<String, Integer> before = f.mirrorSizes();
      assertThatThrownBy(() -> service.create(spec("greedy", 301, 11, 110_000_000, 110_000_000)))
          .isInstanceOf(AdmissionException.class)
          .hasMessageContaining("slice greedy");
      assertThat(f.mirrorSizes()).as("mirrors unchanged").isEqualTo(before);
      assertThat(f.services().paths().heldBy("greedy")).isEmpty();

      f.net.setLinkUp("s1", 1, false);
      await(
          () -> service.get("gold").orElseThrow().paths().get(0).hops() == 2,
          Duration.ofSeconds(5),
          () -> "gold on " + service.get("gold").orElseThrow().paths());
      Slice moved = service.get("gold").orElseThrow();
      assertThat(moved.status()).isEqualTo(SliceStatus.ACTIVE);
      assertThat(f.net.host("h1").ping("10.0.0.3", Duration.ofSeconds(5)))
          .as("after the re-route")
          .isNotNull();

      service.delete("gold");
      assertThat(f.services().paths().heldBy("gold")).isEmpty();
      assertThat(f.mirrorSizes()).as("nothing of the slice is held").isEqualTo(empty);
    }
  }
}
