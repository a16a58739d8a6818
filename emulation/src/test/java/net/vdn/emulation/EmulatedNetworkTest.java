package net.vdn.emulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.Fixtures;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two softswitches joined by a virtual link, each with a host, forwarding by destination MAC
 * (client_test.p4's exact_table) as programmed over P4Runtime.
 */
class EmulatedNetworkTest {
  private static final String H1_MAC = "00:00:00:00:00:01";
  private static final String H2_MAC = "00:00:00:00:00:02";

  private static Topology twoSwitches(long capacityMbps, double latencyMs) {
    return new Topology(
        List.of(new Topology.Switch("s1", 1), new Topology.Switch("s2", 2)),
        List.of(new Topology.Link("s1", 1, "s2", 1, capacityMbps, latencyMs)),
        List.of(
            new Topology.Host("h1", "s1", 10, H1_MAC, "10.0.0.1"),
            new Topology.Host("h2", "s2", 10, H2_MAC, "10.0.0.2")));
  }

  /** Each switch: frames for h1 and h2 go towards them; broadcast (ARP) goes across the link. */
  private static void program(EmulatedNetwork net, String sw, int towardH1, int towardH2) {
    var p4info =
        P4InfoIndex.fromText(
            new String(Fixtures.bytes("client_test.p4info.txtpb"), StandardCharsets.UTF_8));
    try (var c =
        P4RuntimeClient.connect(
            ClientOptions.builder(net.p4runtimeAddress(sw))
                .deviceId(net.topology().switchNamed(sw).deviceId())
                .build())) {
      c.awaitPrimary(Duration.ofSeconds(5));
      c.ensurePipeline(PipelineConfig.of(p4info.p4info(), Fixtures.bytes("client_test.json")));
      String table = "TestIngress.exact_table";
      String action = "TestIngress.set_port_counted";
      c.insert(
          TableEntry.in(table)
              .exact("dst_addr", Value.mac(H1_MAC))
              .action(action, "port", towardH1)
              .build(),
          TableEntry.in(table)
              .exact("dst_addr", Value.mac(H2_MAC))
              .action(action, "port", towardH2)
              .build());
    }
  }

  private static EmulatedNetwork started(long capacityMbps, double latencyMs) throws Exception {
    EmulatedNetwork net = EmulatedNetwork.start(twoSwitches(capacityMbps, latencyMs), 0);
    program(net, "s1", 10, 1);
    program(net, "s2", 1, 10);
    net.host("h1").addNeighbor("10.0.0.2", H2_MAC);
    net.host("h2").addNeighbor("10.0.0.1", H1_MAC);
    return net;
  }

  @Test
  void pingCrossesTheLinkAndTakesItsLatencyBothWays() throws Exception {
    try (EmulatedNetwork net = started(1000, 20)) {
      Duration rtt = net.host("h1").ping("10.0.0.2", Duration.ofSeconds(5));
      assertThat(rtt).as("echo reply from h2").isNotNull();
      assertThat(rtt).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    }
  }

  @Test
  void aLinkThatIsDownDropsAndComesBack() throws Exception {
    try (EmulatedNetwork net = started(1000, 1)) {
      assertThat(net.host("h1").ping("10.0.0.2", Duration.ofSeconds(5))).isNotNull();
      net.setLinkUp("s1", 1, false);
      assertThat(net.host("h1").ping("10.0.0.2", Duration.ofMillis(500))).isNull();
      // The port is down with its link: frames for it are dropped there and counted.
      assertThat(net.device("s1").ports().byNumber(1).operUp()).isFalse();
      assertThat(net.device("s1").ports().byNumber(1).counters().outDiscards.get()).isPositive();
      net.setLinkUp("s2", 1, true);
      assertThat(net.host("h1").ping("10.0.0.2", Duration.ofSeconds(5))).isNotNull();
    }
  }

  @Test
  void aUdpStreamFasterThanTheLinkArrivesAtTheLinkRate() throws Exception {
    try (EmulatedNetwork net = started(10, 1)) {
      UdpReceiver rx = net.host("h2").listen(5001);
      long sent = net.host("h1").sendUdp("10.0.0.2", 5001, 30_000_000, 1000, Duration.ofSeconds(2));
      Thread.sleep(300);
      assertThat(rx.packets()).isPositive().isLessThan(sent);
      assertThat(rx.lost()).isPositive();
      // Payload rate below the 10 Mb/s line rate (headers take their share), and near it.
      assertThat(rx.bitsPerSecond()).isBetween(6e6, 10e6);
    }
  }

  @Test
  void topologyFilesAreReadAndBadOnesRefused(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("t.json");
    Files.writeString(
        good,
        """
        {"switches": [{"name": "a", "deviceId": 1}, {"name": "b", "deviceId": 2}],
         "links": [{"a": "a", "aPort": 1, "b": "b", "bPort": 1, "capacityMbps": 1000, "latencyMs": 2.5}],
         "hosts": [{"name": "ha", "switchName": "a", "port": 10, "mac": "00:00:00:00:00:0a", "ip": "10.0.0.10"}]}
        """);
    Topology t = Topology.read(good);
    assertThat(t.links()).hasSize(1);
    assertThat(t.links().get(0).latencyMs()).isEqualTo(2.5);
    Path dangling = dir.resolve("bad.json");
    Files.writeString(
        dangling,
        """
        {"switches": [{"name": "a", "deviceId": 1}],
         "links": [{"a": "a", "aPort": 1, "b": "zz", "bPort": 1, "capacityMbps": 1000, "latencyMs": 1}]}
        """);
    assertThatThrownBy(() -> Topology.read(dangling)).hasMessageContaining("unknown switch");
    Path typo = dir.resolve("typo.json");
    Files.writeString(typo, "{\"switches\": [{\"name\": \"a\", \"deviceId\": 1}], \"linx\": []}");
    assertThatThrownBy(() -> Topology.read(typo)).hasMessageContaining("linx");
  }

  @Test
  void kreonetSHasItsEightSitesConnected() {
    Topology k = Topology.kreonetS();
    assertThat(k.switches())
        .extracting(Topology.Switch::name)
        .containsExactly(
            "seoul", "daejeon", "busan", "gwangju", "changwon", "chicago", "seattle", "hongkong");
    assertThat(k.hosts()).hasSize(16);
    // Every site reaches every other over the links.
    java.util.Map<String, java.util.Set<String>> adj = new java.util.HashMap<>();
    for (var l : k.links()) {
      adj.computeIfAbsent(l.a(), x -> new java.util.HashSet<>()).add(l.b());
      adj.computeIfAbsent(l.b(), x -> new java.util.HashSet<>()).add(l.a());
    }
    java.util.Set<String> seen = new java.util.HashSet<>(List.of("seoul"));
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of("seoul"));
    while (!todo.isEmpty()) {
      for (String n : adj.getOrDefault(todo.pop(), java.util.Set.of())) {
        if (seen.add(n)) {
          todo.push(n);
        }
      }
    }
    assertThat(seen).hasSize(8);
  }
}
