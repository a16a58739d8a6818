package net.vdn.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FramesTest {
  private static final String ARP_REQUEST =
      "ffffffffffff"
          + "00000000 0a01".replace(" ", "")
          + "0806"
          + "0001 0800 06 04 0001".replace(" ", "")
          + "000000000a01"
          + "0a000001"
          + "000000000000"
          + "0a000003";

  @Test
  void readsAnUntaggedArpRequest() {
    byte[] f = HexFormat.of().parseHex(ARP_REQUEST);
    EthernetHeader eth = EthernetHeader.parse(f).orElseThrow();
    assertThat(eth.vlanId()).isEqualTo(-1);
    assertThat(eth.etherType()).isEqualTo(EthernetHeader.TYPE_ARP);
    assertThat(eth.destination()).isEqualTo(MacAddress.BROADCAST);
    ArpPacket arp = ArpPacket.parse(f).orElseThrow();
    assertThat(arp.operation()).isEqualTo(ArpPacket.REQUEST);
    assertThat(arp.senderMac().toString()).isEqualTo("00:00:00:00:0a:01");
    assertThat(arp.senderIp().toString()).isEqualTo("10.0.0.1");
    assertThat(arp.targetIp().toString()).isEqualTo("10.0.0.3");
  }

  @Test
  void readsATaggedArpRequest() {
    String tagged = ARP_REQUEST.substring(0, 24) + "8100" + "2064" + ARP_REQUEST.substring(24);
    byte[] f = HexFormat.of().parseHex(tagged);
    assertThat(EthernetHeader.parse(f).orElseThrow().vlanId()).isEqualTo(100);
    assertThat(EthernetHeader.etherType(f)).isEqualTo(EthernetHeader.TYPE_ARP);
    assertThat(ArpPacket.parse(f).orElseThrow().senderIp().toString()).isEqualTo("10.0.0.1");
  }

  @Test
  void shortOrForeignFramesCarryNoArp() {
    byte[] f = HexFormat.of().parseHex(ARP_REQUEST);
    assertThat(ArpPacket.parse(java.util.Arrays.copyOf(f, 40))).isEmpty();
    assertThat(EthernetHeader.parse(new byte[13])).isEmpty();
    assertThat(EthernetHeader.etherType(new byte[3])).isEqualTo(-1);
    f[12] = 0x08;
    f[13] = 0x00;
    assertThat(ArpPacket.parse(f)).isEmpty();
  }
}
