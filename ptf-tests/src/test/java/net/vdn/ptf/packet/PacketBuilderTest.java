package net.vdn.ptf.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PacketBuilderTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void ipv4HeaderHasTheRfc1071Checksum() {
    // Wikipedia's worked example (checksum b861) without DF and with protocol 1 instead of 17:
    // the ones' complement sum drops by 0x4010, so the checksum is ~(~0xb861 - 0x4010) = 0xf871.
    byte[] frame =
        PacketBuilder.ethernet("00:00:00:00:00:02", "00:00:00:00:00:01")
            .ipv4("192.168.0.1", "192.168.0.199")
            .identification(0)
            .ttl(64)
            .ipProtocol(1)
            .payload(new byte[0x73 - 20])
            .build();
    assertThat(HexFormat.of().formatHex(frame, 14, 34))
        .isEqualTo("45000073000000004001f871c0a80001c0a800c7");
  }

  @Test
  void udpOverIpv4IsBuiltByteForByte() {
    byte[] frame =
        PacketBuilder.ethernet("ff:ff:ff:ff:ff:ff", "00:11:22:33:44:55")
            .ipv4("10.0.0.1", "10.0.0.2")
            .udp(1000, 2000)
            .payload(new byte[] {1, 2, 3, 4})
            .build();
    assertThat(frame)
        .isEqualTo(
            hex(
                "ffffffffffff 001122334455 0800"
                    + " 4500 0020 0001 0000 4011 66ca 0a000001 0a000002"
                    + " 03e8 07d0 000c dc15 01020304"));
    assertThat(Checksums.internet(frame, 14, 20)).isZero();
  }

  @Test
  void udpOverIpv6HasTheFixedHeaderAndAChecksumOverTheIpv6PseudoHeader() {
    byte[] frame =
        PacketBuilder.ethernet("00:00:00:00:00:02", "00:00:00:00:00:01")
            .ipv6("2001:db8::1", "2001:db8:0:1::2")
            .hopLimit(3)
            .dscp(46)
            .udp(1000, 2000)
            .payload(new byte[] {1, 2, 3, 4, 5})
            .build();
    assertThat(HexFormat.of().formatHex(frame, 12, 14 + 40))
        .isEqualTo(
            "86dd"
                + "6b800000"
                + "000d"
                + "11"
                + "03"
                + "20010db8000000000000000000000001"
                + "20010db8000000010000000000000002");
    assertThat(Frames.ipv6Offset(frame)).isEqualTo(14);
    byte[] pseudo = new byte[40 + 13];
    System.arraycopy(frame, 22, pseudo, 0, 32); // source and destination
    pseudo[35] = 13; // upper-layer length
    pseudo[39] = 17; // next header
    System.arraycopy(frame, 54, pseudo, 40, 13);
    assertThat(Checksums.internet(pseudo, 0, pseudo.length)).isZero();
    assertThatThrownBy(() -> PacketBuilder.ip6("10.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tcpChecksumCoversThePseudoHeader() {
    byte[] frame =
        PacketBuilder.ethernet("00:00:00:00:00:02", "00:00:00:00:00:01")
            .ipv4("10.1.0.1", "10.2.3.4")
            .tcp(33000, 443)
            .payloadLength(7)
            .build();
    byte[] pseudo = new byte[12 + 27];
    System.arraycopy(frame, 26, pseudo, 0, 8);
    pseudo[9] = 6;
    pseudo[11] = 27;
    System.arraycopy(frame, 34, pseudo, 12, 27);
    assertThat(Checksums.internet(pseudo, 0, pseudo.length)).isZero();
  }

  @Test
  void aTagSitsBetweenTheMacsAndTheEtherType() {
    PacketBuilder b = PacketBuilder.ethernet("00:00:00:00:00:02", "00:00:00:00:00:01");
    byte[] plain = b.copy().etherType(0x88b5).payloadLength(4).build();
    byte[] tagged = b.copy().etherType(0x88b5).payloadLength(4).vlan(5, true, 0x123).build();
    assertThat(tagged).hasSize(plain.length + 4);
    assertThat(HexFormat.of().formatHex(tagged, 12, 18)).isEqualTo("8100b12388b5");
    assertThat(Frames.tagged(tagged)).isTrue();
    assertThat(Frames.etherType(tagged)).isEqualTo(0x88b5);
  }

  @Test
  void arpAndLldpHaveTheirWireLayouts() {
    byte[] arp =
        PacketBuilder.ethernet("ff:ff:ff:ff:ff:ff", "00:00:00:00:00:01")
            .arpRequest("00:00:00:00:00:01", "10.0.0.1", "10.0.0.2")
            .padTo(60)
            .build();
    assertThat(arp).hasSize(60);
    assertThat(HexFormat.of().formatHex(arp, 12, 42))
        .isEqualTo("0806000108000604000100000000000" + "10a000001000000000000" + "0a000002");
    byte[] lldp =
        PacketBuilder.ethernet("01:80:c2:00:00:0e", "00:00:00:00:0b:01")
            .lldp("00:00:00:00:0b:01", "p7", 120)
            .build();
    assertThat(HexFormat.of().formatHex(lldp, 12, lldp.length))
        .isEqualTo(
            "88cc" + "0207" + "04000000000b01" + "0403" + "077037" + "0602" + "0078" + "0000");
  }

  @Test
  void refusesValuesThatDoNotFitTheirField() {
    var b = PacketBuilder.ethernet("00:00:00:00:00:02", "00:00:00:00:00:01");
    assertThatThrownBy(() -> b.vlan(4096)).hasMessageContaining("VLAN id 4096");
    assertThatThrownBy(() -> b.ipv4("10.0.0.256", "10.0.0.1")).hasMessageContaining("256");
    assertThatThrownBy(() -> PacketBuilder.ethernet("00:00", "00:00:00:00:00:01"))
        .hasMessageContaining("not a MAC address");
  }
}
