package net.vdn.openflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.vdn.openflow.OpenFlowErrorException;
import net.vdn.openflow.OpenFlowServer;
import net.vdn.openflow.OpenFlowSwitch;
import net.vdn.openflow.PacketIn;
import net.vdn.openflow.Port;
import net.vdn.openflow.PortEvent;
import net.vdn.openflow.Role;
import net.vdn.openflow.SwitchListener;
import net.vdn.openflow.slice.OpenFlowDevice;
import net.vdn.openflow.slice.ReconcileReport;
import net.vdn.openflow.slice.SliceCounters;
import net.vdn.packet.EthernetHeader;
import net.vdn.packet.MacAddress;
import net.vdn.pipeconf.rule.SliceRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slices on real Open vSwitch bridges (userspace datapath). Two bridges, A and B, are joined by a
 * trunk (port 3 on each). Slice 10 joins h1 (A:1) and h3 (B:1), slice 20 joins h2 (A:2) and h4
 * (B:2); both cross the trunk tagged with their slice id. All four hosts share one IPv4 subnet, so
 * only the slices keep them apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenVSwitchTest {
  private static final Logger log = LoggerFactory.getLogger(OpenVSwitchTest.class);
  private static final long DPID_A = 0x00000000000a0001L;
  private static final long DPID_B = 0x00000000000b0001L;
  static final int TRUNK = 3;
  private static final Duration CONNECT = Duration.ofSeconds(30);
  private static final long CIR_BPS = 20_000_000;

  private Ovs ovs;
  private Iperf3 iperf;
  private OpenFlowServer server;
  private final BlockingQueue<OpenFlowSwitch> connections = new LinkedBlockingQueue<>();
  private String bridgeA;
  private String bridgeB;
  private Ovs.Host h1;
  private Ovs.Host h2;
  private Ovs.Host h3;
  private Ovs.Host h4;
  private OpenFlowDevice a;
  private OpenFlowDevice b;
  private final BlockingQueue<PortEvent> portEventsA = new LinkedBlockingQueue<>();
  private final BlockingQueue<PacketIn> packetInsA = new LinkedBlockingQueue<>();

  @BeforeAll
  void startNetwork() throws Exception {
    Ovs.assumeAvailable();
    ovs = Ovs.start();
    iperf = new Iperf3(ovs);
    server = startServer(0);
    bridgeA = ovs.bridge(DPID_A, server.port());
    bridgeB = ovs.bridge(DPID_B, server.port());
    OpenFlowSwitch swA = server.awaitSwitch(DPID_A, CONNECT);
    OpenFlowSwitch swB = server.awaitSwitch(DPID_B, CONNECT);
    swA.onPortStatus(portEventsA::add);
    swA.onPacketIn(packetInsA::add);
    h1 = ovs.host(bridgeA, 1, "10.77.0.1");
    h2 = ovs.host(bridgeA, 2, "10.77.0.2");
    h3 = ovs.host(bridgeB, 1, "10.77.0.3");
    h4 = ovs.host(bridgeB, 2, "10.77.0.4");
    ovs.link(bridgeA, TRUNK, bridgeB, TRUNK);
    a = new OpenFlowDevice("A", swA);
    b = new OpenFlowDevice("B", swB);
  }

  private OpenFlowServer startServer(int port) {
    return OpenFlowServer.start(
        OpenFlowServer.Options.defaults()
            .withBind("127.0.0.1", port)
            .withEcho(Duration.ofSeconds(2), 3),
        new SwitchListener() {
          @Override
          public void connected(OpenFlowSwitch sw) {
            connections.add(sw);
          }
        });
  }

  @AfterAll
  void stopNetwork() {
    if (server != null) {
      server.close();
    }
    if (ovs != null) {
      ovs.close();
    }
  }

  /** A slice between an edge port of A and one of B over the trunk, as the controller makes it. */
  static List<SliceRule> slice(int id, int edgePort, String mac, String otherMac) {
    return List.of(
        SliceRule.Classify.edge(edgePort, id),
        SliceRule.Classify.trunk(TRUNK, id),
        new SliceRule.Tag(edgePort, id, false),
        new SliceRule.Tag(TRUNK, id, true),
        new SliceRule.Flood(id, List.of(edgePort, TRUNK)),
        new SliceRule.ForwardL2(id, mac, edgePort),
        new SliceRule.ForwardL2(id, otherMac, TRUNK),
        new SliceRule.Count(id));
  }

  static final List<SliceRule> PUNTS =
      List.of(new SliceRule.Punt(0x88cc, false), new SliceRule.Punt(0x0806, true));

  private List<SliceRule> rulesA() {
    List<SliceRule> r = new ArrayList<>(PUNTS);
    r.addAll(slice(10, h1.port(), h1.mac(), h3.mac()));
    r.addAll(slice(20, h2.port(), h2.mac(), h4.mac()));
    return r;
  }

  private List<SliceRule> rulesB() {
    List<SliceRule> r = new ArrayList<>(PUNTS);
    r.addAll(slice(10, h3.port(), h3.mac(), h1.mac()));
    r.addAll(slice(20, h4.port(), h4.mac(), h2.mac()));
    return r;
  }

  @Test
  @Order(1)
  void handshakeReportsDatapathIdPortsAndPortEvents() throws Exception {
    OpenFlowSwitch sw = a.connection();
    assertThat(sw.dpid()).isEqualTo(DPID_A);
    assertThat(sw.id()).isEqualTo("of:00000000000a0001");
    // The hosts were added after the handshake: each arrived as a port-status event.
    List<Integer> added = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (added.size() < 3 && System.nanoTime() < deadline) {
      PortEvent e = portEventsA.poll(200, TimeUnit.MILLISECONDS);
      if (e != null && e.kind() == PortEvent.Kind.ADDED) {
        added.add(e.port().number());
      }
    }
    assertThat(added).containsExactlyInAnyOrder(1, 2, TRUNK);
    Port p1 = sw.port(1).orElseThrow();
    assertThat(p1.name()).startsWith("vov");
    assertThat(p1.currentSpeedKbps()).isPositive();
    assertThat(sw.ports()).extracting(Port::number).containsExactly(1, 2, TRUNK);
    assertThat(sw.requestRole(Role.EQUAL, 0).get(5, TimeUnit.SECONDS)).isEqualTo(Role.EQUAL);
    sw.barrier().get(5, TimeUnit.SECONDS);
  }

  @Test
  @Order(2)
  void sliceCarriesPingAndTcpAcrossTaggedTrunk() throws Exception {
    a.install(rulesA());
    b.install(rulesB());
    assertThat(ovs.ping(h1, h3, 3)).as("h1 -> h3 in slice 10").isTrue();
    assertThat(ovs.ping(h4, h2, 3)).as("h4 -> h2 in slice 20").isTrue();
    Iperf3.Transfer t = iperf.tcp(h1, h3, 1);
    assertThat(t.bytes()).as("TCP bytes h1 -> h3").isGreaterThan(1 << 20);
    // The switch updates flow statistics every second or so: wait until they show the transfer.
    SliceCounters c = a.counters(10);
    for (int i = 0; i < 50 && c.bytes() < t.bytes(); i++) {
      Thread.sleep(200);
      c = a.counters(10);
    }
    assertThat(c.bytes()).as("bytes counted for slice 10 on A").isGreaterThanOrEqualTo(t.bytes());
    assertThat(c.packets()).isGreaterThan(t.bytes() / 9000);
    // ARP was copied to the controller with the port it came in on.
    assertThat(packetInsA).anySatisfy(p -> assertThat(p.inPort()).isIn(1, 2));
  }

  @Test
  @Order(3)
  void secondSliceIsIsolated() throws Exception {
    assertThat(ovs.ping(h1, h4, 2)).as("h1 (slice 10) -> h4 (slice 20)").isFalse();
    assertThat(ovs.ping(h1, h2, 2)).as("h1 (slice 10) -> h2 (slice 20), same switch").isFalse();
    assertThat(ovs.ping(h3, h2, 2)).as("h3 (slice 10) -> h2 (slice 20)").isFalse();
    // The pings' ARP requests were flooded in slice 10 only: slice 20's hosts never heard them
    // (a host that gets an ARP request for itself learns the asker), nor the asker their answer.
    for (Ovs.Host other : List.of(h2, h4)) {
      assertThat(neighbours(other)).as("neighbours of " + other.ip()).doesNotContain(h1.mac());
      assertThat(neighbours(other)).doesNotContain(h3.mac());
      assertThat(neighbours(h1)).as("neighbours of h1").doesNotContain(other.mac());
    }
    assertThat(ovs.ping(h2, h4, 2)).as("slice 20 itself still works").isTrue();
  }

  private String neighbours(Ovs.Host h) throws Exception {
    return ovs.inNamespace(h.namespace(), "ip", "neigh", "show");
  }

  @Test
  @Order(4)
  void meterHoldsTcpNearTheCommittedRateAndUdpAtIt() throws Exception {
    double open = iperf.tcp(h1, h3, 2).bitsPerSecond();
    long cirBytes = CIR_BPS / 8;
    // A quarter second at the CIR: TCP through a drop band needs the bucket to outlast the
    // sender's minimum retransmission timeout (200 ms on Linux); at 100 ms it gets about half.
    long burst = cirBytes / 4;
    // The PIR is above the CIR, as slices usually have it: the meter still holds the CIR.
    SliceRule.Meter meter = new SliceRule.Meter(10, cirBytes, burst, 2 * cirBytes, 2 * burst);
    a.install(List.of(meter));
    b.install(List.of(meter));
    double tcp = iperf.tcp(h1, h3, 4).bitsPerSecond();
    Iperf3.Transfer udp = iperf.udp(h1, h3, 3 * CIR_BPS / 2, 4);
    SliceCounters c = a.counters(10);
    log.info(
        "slice 10 h1 -> h3: TCP {} Mb/s without a meter, {} Mb/s with CIR {} Mb/s; UDP at {} Mb/s"
            + " delivered {} Mb/s; {} packets dropped by A's meter",
        String.format("%.1f", open / 1e6),
        String.format("%.1f", tcp / 1e6),
        CIR_BPS / 1_000_000,
        3 * CIR_BPS / 2_000_000,
        String.format("%.1f", udp.bitsPerSecond() / 1e6),
        c.droppedPackets());
    assertThat(open).as("unmetered rate, far above the CIR").isGreaterThan(3.0 * CIR_BPS);
    assertThat(tcp).as("metered TCP rate").isBetween(0.8 * CIR_BPS, 1.1 * CIR_BPS);
    assertThat(udp.bitsPerSecond())
        .as("UDP offered at 1.5 times the CIR, delivered")
        .isBetween(0.9 * CIR_BPS, 1.1 * CIR_BPS);
    assertThat(c.droppedPackets()).as("drops counted by the meter").isPositive();
    a.remove(List.of(meter));
    b.remove(List.of(meter));
    assertThat(iperf.tcp(h1, h3, 1).bitsPerSecond())
        .as("rate with the meter removed")
        .isGreaterThan(3.0 * CIR_BPS);
  }

  @Test
  @Order(5)
  void refusedFlowTakesBackTheWholeInstall() throws Exception {
    Set<SliceRule> rulesBefore = a.rules();
    // Table 1 (classify) may hold one flow more than it does: the second new flow is refused.
    long classifyFlows =
        a.connection().flowStats(0, 0).get(5, TimeUnit.SECONDS).stream()
            .filter(f -> f.getTableId().getValue() == 1)
            .count();
    ovs.vsctl(
        "--timeout=20",
        "--",
        "--id=@t",
        "create",
        "Flow_Table",
        "flow_limit=" + (classifyFlows + 1),
        "overflow_policy=refuse",
        "--",
        "set",
        "Bridge",
        bridgeA,
        "flow_tables:1=@t");
    try {
      List<SliceRule> slice30 =
          List.of(
              new SliceRule.Classify(30, 0, h1.port(), null, null, null, 17, null, 9999, 20),
              new SliceRule.Classify(30, 0, h2.port(), null, null, null, 17, null, 9999, 20),
              new SliceRule.Flood(30, List.of(h1.port(), h2.port())),
              new SliceRule.Meter(30, 125_000, 9216, 125_000, 9216));
      assertThatThrownBy(() -> a.install(slice30))
          .isInstanceOfSatisfying(
              OpenFlowErrorException.class,
              e -> {
                assertThat(e.error().typeName()).isEqualTo("FLOW_MOD_FAILED");
                assertThat(e.error().codeName()).isEqualTo("TABLE_FULL");
                assertThat(e.getMessage()).contains("Classify[sliceId=30");
              });
    } finally {
      ovs.vsctl("--timeout=20", "clear", "Bridge", bridgeA, "flow_tables");
    }
    assertThat(a.rules()).isEqualTo(rulesBefore);
    // The group, meter and flow the switch had accepted were taken back: it holds the mirror.
    assertThat(a.reconcile().changes()).isZero();
    assertThat(ovs.ofctl("dump-groups", bridgeA)).doesNotContain("group_id=30");
  }

  @Test
  @Order(6)
  void writesAsSlaveAreRefusedWithTheirErrorCode() throws Exception {
    OpenFlowSwitch sw = a.connection();
    assertThat(sw.requestRole(Role.SLAVE, 7).get(5, TimeUnit.SECONDS)).isEqualTo(Role.SLAVE);
    try {
      assertThatThrownBy(() -> a.install(List.of(new SliceRule.Punt(0x88b5, false))))
          .isInstanceOfSatisfying(
              OpenFlowErrorException.class,
              e -> {
                assertThat(e.error().typeName()).isEqualTo("BAD_REQUEST");
                assertThat(e.error().codeName()).isEqualTo("IS_SLAVE");
              });
    } finally {
      assertThat(sw.requestRole(Role.MASTER, 8).get(5, TimeUnit.SECONDS)).isEqualTo(Role.MASTER);
    }
    assertThat(a.rules()).doesNotContain(new SliceRule.Punt(0x88b5, false));
    assertThat(a.reconcile().changes()).isZero();
  }

  @Test
  @Order(7)
  void controllerReconnectReconcilesStrayMissingAndChangedEntries() throws Exception {
    int port = server.port();
    server.close();
    server = startServer(port);
    OpenFlowSwitch swA = server.awaitSwitch(DPID_A, CONNECT);
    OpenFlowSwitch swB = server.awaitSwitch(DPID_B, CONNECT);
    // A restarted controller knows its slices but not what the switches hold.
    OpenFlowDevice a2 = new OpenFlowDevice("A", swA);
    OpenFlowDevice b2 = new OpenFlowDevice("B", swB);
    a2.expect(List.copyOf(a.rules()));
    b2.expect(List.copyOf(b.rules()));
    assertThat(a2.reconcile()).isEqualTo(new ReconcileReport(0, 0, 0));
    assertThat(b2.reconcile()).isEqualTo(new ReconcileReport(0, 0, 0));

    ovs.ofctl("add-flow", bridgeA, "table=3,priority=5,cookie=0x1,ip,actions=drop");
    ovs.ofctl("add-meter", bridgeA, "meter=99,kbps,band=type=drop,rate=1000");
    ovs.ofctl("del-flows", bridgeA, "--strict", "table=3,priority=10,metadata=0xa");
    ovs.ofctl(
        "mod-flows",
        bridgeA,
        "--strict",
        "table=3,priority=3000,metadata=0xa,dl_dst=" + h3.mac() + ",actions=drop");
    assertThat(a2.reconcile()).isEqualTo(new ReconcileReport(2, 1, 1));
    assertThat(a2.reconcile()).isEqualTo(new ReconcileReport(0, 0, 0));
    assertThat(ovs.ping(h1, h3, 2)).as("h1 -> h3 after reconciliation").isTrue();
    a = a2;
    b = b2;
  }

  @Test
  @Order(8)
  void sliceWorksAgainAfterSwitchRestart() throws Exception {
    OpenFlowSwitch oldA = a.connection();
    OpenFlowSwitch oldB = b.connection();
    ovs.restartSwitch();
    OpenFlowSwitch swA = awaitNewConnection(DPID_A, oldA);
    OpenFlowSwitch swB = awaitNewConnection(DPID_B, oldB);
    a.attach(swA);
    b.attach(swB);
    // Flows, groups and meters do not survive a restart of ovs-vswitchd: all are written again.
    ReconcileReport r = a.reconcile();
    assertThat(r.deleted()).isZero();
    assertThat(r.inserted()).isEqualTo(a.entryCount());
    assertThat(b.reconcile().inserted()).isEqualTo(b.entryCount());
    assertThat(ovs.ping(h1, h3, 3)).as("h1 -> h3 after the switch restarted").isTrue();
    assertThat(ovs.ping(h2, h4, 3)).as("h2 -> h4 after the switch restarted").isTrue();
    assertThat(ovs.ping(h1, h4, 2)).as("slices still isolated").isFalse();
  }

  @Test
  @Order(9)
  void lldpSentOutOfOneSwitchArrivesAtItsNeighbourWithThePort() throws Exception {
    BlockingQueue<PacketIn> atB = new LinkedBlockingQueue<>();
    b.connection().onPacketIn(atB::add);
    byte[] lldp = lldp("of:00000000000a0001", TRUNK);
    a.connection().packetOut(TRUNK, lldp);
    PacketIn in = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      PacketIn p = atB.poll(200, TimeUnit.MILLISECONDS);
      if (p != null && EthernetHeader.etherType(p.frame()) == EthernetHeader.TYPE_LLDP) {
        in = p;
        break;
      }
    }
    assertThat(in).as("LLDP packet-in at B").isNotNull();
    assertThat(in.inPort()).isEqualTo(TRUNK);
    assertThat(in.frame()).isEqualTo(lldp);
    assertThat(in.reason()).isEqualTo("ACTION");
  }

  /** An LLDP frame: chassis id (local name), port id, TTL, end; padded to the Ethernet minimum. */
  private static byte[] lldp(String chassis, int port) {
    java.io.ByteArrayOutputStream f = new java.io.ByteArrayOutputStream();
    f.writeBytes(MacAddress.parse("01:80:c2:00:00:0e").bytes()); // nearest bridge
    f.writeBytes(MacAddress.parse("02:00:00:00:00:01").bytes());
    f.writeBytes(new byte[] {(byte) 0x88, (byte) 0xcc});
    byte[] id = chassis.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    f.writeBytes(new byte[] {0x02, (byte) (id.length + 1), 7});
    f.writeBytes(id);
    byte[] p = Integer.toString(port).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    f.writeBytes(new byte[] {0x04, (byte) (p.length + 1), 7});
    f.writeBytes(p);
    f.writeBytes(new byte[] {0x06, 2, 0, 120, 0, 0});
    while (f.size() < 60) {
      f.write(0);
    }
    return f.toByteArray();
  }

  private OpenFlowSwitch awaitNewConnection(long dpid, OpenFlowSwitch old) throws Exception {
    long deadline = System.nanoTime() + CONNECT.toNanos();
    while (System.nanoTime() < deadline) {
      OpenFlowSwitch now = server.get(dpid).orElse(null);
      if (now != null && now != old && now.isConnected()) {
        return now;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        String.format("switch %016x did not reconnect: %s", dpid, ovs.log("ovs-vswitchd")));
  }
}
