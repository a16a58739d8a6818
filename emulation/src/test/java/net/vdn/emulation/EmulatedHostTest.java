package net.vdn.emulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.vdn.packet.Ipv4Address;
import net.vdn.packet.MacAddress;
import org.junit.jupiter.api.Test;

/** An emulated host's answers, frame by frame. */
class EmulatedHostTest {
  private final List<byte[]> sent = new ArrayList<>();
  private final EmulatedHost host =
      new EmulatedHost("h1", "00:00:00:00:00:01", "10.0.0.1", sent::add);

  @Test
  void answersArpForItsAddressOnly() {
    byte[] peer = MacAddress.parse("00:00:00:00:00:02").bytes();
    host.receive(
        Frames.arp(
            1,
            peer,
            Ipv4Address.parse("10.0.0.2").value(),
            null,
            Ipv4Address.parse("10.0.0.9").value()));
    assertThat(sent).isEmpty();
    host.receive(
        Frames.arp(
            1,
            peer,
            Ipv4Address.parse("10.0.0.2").value(),
            null,
            Ipv4Address.parse("10.0.0.1").value()));
    assertThat(sent).hasSize(1);
    byte[] reply = sent.get(0);
    assertThat(HexFormat.of().formatHex(reply, 0, 14))
        .isEqualTo("000000000002" + "000000000001" + "0806");
    assertThat(Frames.u16(reply, 20)).isEqualTo(2);
    assertThat(Frames.u32(reply, 28)).isEqualTo(Ipv4Address.parse("10.0.0.1").value());
  }

  @Test
  void answersIcmpEchoWithAValidReply() {
    byte[] peer = MacAddress.parse("00:00:00:00:00:02").bytes();
    byte[] request =
        Frames.ipv4(
            MacAddress.parse("00:00:00:00:00:01").bytes(),
            peer,
            Ipv4Address.parse("10.0.0.2").value(),
            Ipv4Address.parse("10.0.0.1").value(),
            Frames.PROTO_ICMP,
            Frames.icmpEcho(8, 7, 3, new byte[] {1, 2, 3, 4}));
    host.receive(request);
    assertThat(sent).hasSize(1);
    byte[] reply = sent.get(0);
    assertThat(reply[34]).isEqualTo((byte) 0); // echo reply
    assertThat(Frames.u16(reply, 38)).isEqualTo(7);
    assertThat(Frames.u16(reply, 40)).isEqualTo(3);
    assertThat(Frames.checksum(reply, 14, 20)).isZero();
    assertThat(Frames.checksum(reply, 34, 12)).isZero();
  }

  @Test
  void ignoresGarbage() {
    host.receive(new byte[3]);
    host.receive(new byte[60]);
    host.receive(HexFormat.of().parseHex("000000000001" + "000000000002" + "0800" + "45"));
    assertThat(sent).isEmpty();
  }
}
