package net.vdn.controller.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import net.vdn.controller.FixedTopology;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.InboundPacket;
import net.vdn.controller.host.impl.HostManager;
import net.vdn.packet.Ipv4Address;
import net.vdn.packet.MacAddress;
import org.junit.jupiter.api.Test;

class HostManagerTest {
  private final FixedTopology topology = new FixedTopology().link("s1", 1, "s2", 1, 1);
  private final HostManager hosts = new HostManager(null, topology);

  private static InboundPacket arp(
      String senderMac, String senderIp, String device, int ingress, boolean tagged) {
    String hex =
        "ffffffffffff"
            + senderMac
            + (tagged ? "8100000a" : "")
            + "0806"
            + "0001080006040001"
            + senderMac
            + HexFormat.of().formatHex(Ipv4Address.parse(senderIp).bytes())
            + "000000000000"
            + "0a000009";
    return new InboundPacket(new ConnectPoint(device, ingress), HexFormat.of().parseHex(hex));
  }

  private static Host host(String mac, String ip, String device, int port) {
    return new Host(MacAddress.parse(mac), Ipv4Address.parse(ip), new ConnectPoint(device, port));
  }

  @Test
  void learnsHostsAtEdgePortsAndFollowsThemWhenTheyMove() {
    assertThat(hosts.learn(arp("00000000aa01", "10.0.0.1", "s1", 10, false)))
        .contains(host("00:00:00:00:aa:01", "10.0.0.1", "s1", 10));
    assertThat(hosts.learn(arp("00000000aa01", "10.0.0.1", "s1", 10, false)))
        .as("already known")
        .isEmpty();
    assertThat(hosts.learn(arp("00000000aa02", "10.0.0.2", "s2", 1, true)))
        .as("seen on the far side of a link")
        .isEmpty();
    assertThat(hosts.learn(arp("00000000aa03", "10.0.0.3", "s2", 1, true))).isEmpty();
    assertThat(hosts.learn(arp("00000000aa01", "10.0.0.1", "s2", 7, true)).orElseThrow().location())
        .as("moved")
        .isEqualTo(new ConnectPoint("s2", 7));
    assertThat(hosts.hosts()).hasSize(1);
    assertThat(hosts.learn(new InboundPacket(new ConnectPoint("s1", 3), new byte[20]))).isEmpty();
  }

  @Test
  void aPortThatWasALinkPortMovesNoHostWhileItsLinkIsAway() {
    hosts.learn(arp("00000000aa01", "10.0.0.1", "s2", 10, false));
    // The link s1:1 - s2:1 ages out (a neighbour restarted); copies of a1's ARP still arrive there.
    topology.cut(new ConnectPoint("s1", 1));
    assertThat(hosts.learn(arp("00000000aa01", "10.0.0.1", "s1", 1, true))).isEmpty();
    assertThat(hosts.learn(arp("00000000aa09", "10.0.0.9", "s1", 1, true))).isEmpty();
    assertThat(hosts.host(MacAddress.parse("00:00:00:00:aa:01")).orElseThrow().location())
        .isEqualTo(new ConnectPoint("s2", 10));
    assertThat(hosts.hosts()).hasSize(1);
  }
}
