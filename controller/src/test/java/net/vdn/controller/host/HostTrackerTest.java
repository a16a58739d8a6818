package net.vdn.controller.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyGraph;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.Value;
import org.junit.jupiter.api.Test;

class HostTrackerTest {
  private final TopologyGraph graph = new TopologyGraph();
  private final HostTracker tracker = new HostTracker(graph);

  private static PacketIn arp(String senderMac, String senderIp, int ingress, boolean tagged) {
    String ip = "";
    for (String o : senderIp.split("\\.")) {
      ip += String.format("%02x", Integer.parseInt(o));
    }
    String hex =
        "ffffffffffff"
            + senderMac
            + (tagged ? "8100000a" : "")
            + "0806"
            + "0001080006040001"
            + senderMac
            + ip
            + "000000000000"
            + "0a000009";
    return new PacketIn(HexFormat.of().parseHex(hex), Map.of("ingress_port", Value.of(ingress)));
  }

  @Test
  void learnsHostsAtEdgePortsAndFollowsThemWhenTheyMove() {
    graph.add(new Link(new ConnectPoint("s1", 1), new ConnectPoint("s2", 1), 1));
    assertThat(tracker.onPacketIn("s1", arp("00000000aa01", "10.0.0.1", 10, false)))
        .isEqualTo(new Host("00:00:00:00:aa:01", "10.0.0.1", new ConnectPoint("s1", 10)));
    assertThat(tracker.onPacketIn("s1", arp("00000000aa01", "10.0.0.1", 10, false)))
        .as("already known")
        .isNull();
    assertThat(tracker.onPacketIn("s2", arp("00000000aa02", "10.0.0.2", 1, true)))
        .as("seen on the far side of a link")
        .isNull();
    assertThat(tracker.onPacketIn("s2", arp("00000000aa03", "10.0.0.3", 1, true))).isNull();
    assertThat(tracker.onPacketIn("s2", arp("00000000aa01", "10.0.0.1", 7, true)).location())
        .as("moved")
        .isEqualTo(new ConnectPoint("s2", 7));
    assertThat(tracker.hosts()).hasSize(1);
    assertThat(
            tracker.onPacketIn(
                "s1", new PacketIn(new byte[20], Map.of("ingress_port", Value.of(3)))))
        .isNull();
  }
}
