package net.vdn.controller.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.controller.EmulatedFabric;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.CapacityLedger;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.TopologyGraph;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import org.junit.jupiter.api.Test;

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

  @Test
  void aSliceWithCir10MbpsOffered50MbpsDeliversAbout10Mbps() throws Exception {
    TopologyGraph graph = graph();
    Map<String, DeviceHandle> devices = new LinkedHashMap<>();
    try (EmulatedNetwork net = EmulatedNetwork.start(TRIANGLE, 0)) {
      connect(net, devices);
      SliceService service = new SliceService(graph, new CapacityLedger(), devices);
      service.create(
          new SliceSpec(
              "capped",
              "tenant",
              310,
              List.of(
                  new Endpoint("s1", 10, null, "00:00:00:00:0a:01"),
                  new Endpoint("s3", 10, null, "00:00:00:00:0a:03")),
              10_000_000,
              10_000_000,
              0));
      var rx = net.host("h3").listen(5001);
      net.host("h1").sendUdp("10.0.0.3", 5001, 50_000_000, 1000, Duration.ofSeconds(2));
      Thread.sleep(200);
      double mbps = rx.bitsPerSecond() / 1e6;
      // The meter counts whole frames (payload + 42 bytes of headers) against 10 Mb/s.
      assertThat(mbps).as("received UDP payload rate, Mb/s").isBetween(8.5, 11.0);
      assertThat(rx.lost()).isPositive();
    } finally {
      devices.values().forEach(d -> d.client().close());
    }
  }

  @Test
  void aRestartedControllerKeepsEverySliceAndRewritesNothing(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("slices.json");
    Map<String, DeviceHandle> first = new LinkedHashMap<>();
    Map<String, DeviceHandle> second = new LinkedHashMap<>();
    try (EmulatedNetwork net = EmulatedNetwork.start(TRIANGLE, 0)) {
      connect(net, first);
      new SliceService(
              graph(), new CapacityLedger(), first, new net.vdn.controller.store.FileStore(file))
          .create(
              new SliceSpec(
                  "kept",
                  "tenant",
                  320,
                  List.of(
                      new Endpoint("s1", 10, null, "00:00:00:00:0a:01"),
                      new Endpoint("s3", 10, null, "00:00:00:00:0a:03")),
                  10_000_000,
                  20_000_000,
                  0));
      first.values().forEach(d -> d.client().close());

      // A new controller: new connections, empty mirrors, the same store.
      connect(net, second);
      SliceService restarted =
          new SliceService(
              graph(), new CapacityLedger(), second, new net.vdn.controller.store.FileStore(file));
      var reports = restarted.restore();
      assertThat(restarted.get("kept")).isNotNull();
      reports.forEach((device, r) -> assertThat(r.changes()).as("%s rewritten", device).isZero());
      assertThat(net.host("h1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
      restarted.delete("kept");
      assertThat(new net.vdn.controller.store.FileStore(file).all()).isEmpty();
    } finally {
      second.values().forEach(d -> d.client().close());
    }
  }

  private static TopologyGraph graph() {
    return EmulatedFabric.graphOf(TRIANGLE);
  }

  private static void connect(EmulatedNetwork net, Map<String, DeviceHandle> devices) {
    devices.putAll(EmulatedFabric.connectAll(net));
  }

  @Test
  void aCutLinkMovesTheSliceAndTrafficResumes() throws Exception {
    TopologyGraph graph = graph();
    Map<String, DeviceHandle> devices = new LinkedHashMap<>();
    try (EmulatedNetwork net = EmulatedNetwork.start(TRIANGLE, 0)) {
      connect(net, devices);
      CapacityLedger ledger = new CapacityLedger();
      SliceService service = new SliceService(graph, ledger, devices);
      SliceSpec spec =
          new SliceSpec(
              "gold",
              "tenant",
              300,
              List.of(
                  new Endpoint("s1", 10, null, "00:00:00:00:0a:01"),
                  new Endpoint("s3", 10, null, "00:00:00:00:0a:03")),
              60_000_000,
              80_000_000,
              0);
      var slice = service.create(spec);
      assertThat(slice.paths().get(0).hops()).isEqualTo(1);
      assertThat(net.host("h1").ping("10.0.0.3", Duration.ofSeconds(5)))
          .as("before the cut")
          .isNotNull();

      Map<String, Integer> before = new LinkedHashMap<>();
      devices.forEach((n, d) -> before.put(n, d.mirror().size()));
      SliceSpec greedy =
          new SliceSpec(
              "greedy",
              "other",
              301,
              List.of(Endpoint.of("s1", 11), Endpoint.of("s3", 11)),
              110_000_000,
              110_000_000,
              0);
      assertThatThrownBy(() -> service.create(greedy))
          .isInstanceOf(AdmissionException.class)
          .hasMessageContaining("slice greedy");
      devices.forEach(
          (n, d) -> assertThat(d.mirror().size()).as("%s unchanged", n).isEqualTo(before.get(n)));
      assertThat(ledger.heldBy("greedy")).isEmpty();

      net.setLinkUp("s1", 1, false);
      service.linkDown(graph.from(new ConnectPoint("s1", 1)));
      var moved = service.get("gold");
      assertThat(moved.degraded()).isNull();
      assertThat(moved.paths().get(0).hops()).isEqualTo(2);
      assertThat(net.host("h1").ping("10.0.0.3", Duration.ofSeconds(5)))
          .as("after the re-route")
          .isNotNull();

      service.delete("gold");
      assertThat(ledger.heldBy("gold")).isEmpty();
      devices.forEach(
          (n, d) -> assertThat(d.mirror().size()).as("%s holds nothing of the slice", n).isZero());
    } finally {
      devices.values().forEach(d -> d.client().close());
    }
  }
}
