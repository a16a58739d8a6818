package net.vdn.ptf.slicing;

import static org.assertj.core.api.Assertions.assertThat;

import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.packet.Checksums;
import net.vdn.ptf.packet.Frames;
import net.vdn.ptf.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

/** Per-slice L2 and L3 forwarding and flooding within a slice. */
public abstract class ForwardingSuite extends SlicingPipelineSuite {
  protected ForwardingSuite(DataplaneTarget.Factory factory) {
    super(factory);
  }

  @Test
  void l2ForwardingUsesOnlyTheEntriesOfTheFramesSlice() {
    twoSlices();
    l2(SLICE_B, HOST_2, B2); // slice B's host 2, unknown to slice A
    PacketBuilder toHost2 =
        PacketBuilder.ethernet(HOST_2, HOST_1).ipv4("10.0.0.1", "10.0.0.2").udp(1, 2);
    byte[] frame = toHost2.payloadLength(30).build();

    dataplane.send(A1, frame);
    // Unknown in slice A: flooded in slice A, never sent to B's port.
    dataplane.expectPacket(A2, frame);
    dataplane.expectPacket(TRUNK, toHost2.copy().vlan(SLICE_A).build());
    dataplane.expectNoPacket();

    l2(SLICE_A, HOST_2, A2);
    dataplane.send(A1, frame);
    dataplane.expectPacket(A2, frame);
    dataplane.expectNoPacket();
  }

  @Test
  void l3RoutingRewritesMacsDecrementsTtlAndUpdatesTheChecksum() {
    twoSlices();
    route(SLICE_A, "10.2.0.0", 16, A2, ROUTER, HOST_2);
    PacketBuilder sent =
        PacketBuilder.ethernet(ROUTER, HOST_1)
            .ipv4("10.1.0.1", "10.2.3.4")
            .ttl(64)
            .tcp(33000, 443)
            .payloadLength(40);
    byte[] in = sent.build();
    byte[] out = sent.copy().ethDst(HOST_2).ethSrc(ROUTER).ttl(63).build();

    dataplane.send(A1, in);
    dataplane.expectPacket(A2, out);
    dataplane.expectNoPacket();

    int ip = Frames.ipv4Offset(out);
    assertThat(out[ip + 8]).as("TTL").isEqualTo((byte) 63);
    assertThat(Frames.u16(out, ip + 10))
        .as("the checksum changed with the TTL and is the header's checksum")
        .isNotEqualTo(Frames.u16(in, ip + 10))
        .isEqualTo(checksumWithZeroedField(out, ip));
  }

  private static int checksumWithZeroedField(byte[] frame, int ip) {
    byte[] header = java.util.Arrays.copyOfRange(frame, ip, ip + 20);
    header[10] = 0;
    header[11] = 0;
    return Checksums.internet(header, 0, 20);
  }

  @Test
  void theLongestPrefixOfTheSliceWins() {
    twoSlices();
    route(SLICE_A, "10.2.0.0", 16, A2, ROUTER, HOST_2);
    route(SLICE_A, "10.2.3.0", 24, TRUNK, ROUTER, HOST_5);
    route(SLICE_B, "10.2.3.4", 32, B2, ROUTER, HOST_5); // another slice's longer prefix
    PacketBuilder sent =
        PacketBuilder.ethernet(ROUTER, HOST_1).ipv4("10.1.0.1", "10.2.3.4").udp(7, 7);

    dataplane.send(A1, sent.build());
    dataplane.expectPacket(
        TRUNK, sent.copy().ethDst(HOST_5).ethSrc(ROUTER).ttl(63).vlan(SLICE_A).build());
    dataplane.expectNoPacket();
  }

  @Test
  void broadcastFloodsWithinTheSliceButNotBackOutOfItsIngressPort() {
    twoSlices();
    PacketBuilder bcast =
        PacketBuilder.ethernet(BROADCAST, HOST_1).etherType(0x88b5).payloadLength(50);

    dataplane.send(A1, bcast.build());
    dataplane.expectPacket(A2, bcast.build());
    dataplane.expectPacket(TRUNK, bcast.copy().vlan(SLICE_A).build());
    dataplane.expectNoPacket();

    dataplane.send(TRUNK, bcast.copy().vlan(SLICE_B).build());
    dataplane.expectPacket(B1, bcast.build());
    dataplane.expectPacket(B2, bcast.build());
    dataplane.expectNoPacket();
  }

  @Test
  void unknownDestinationsAreDroppedInASliceWithoutFloodGroup() {
    classifyPort(A1, SLICE_A, 0);
    edge(A2, SLICE_A);

    dataplane.send(
        A1, PacketBuilder.ethernet(BROADCAST, HOST_1).etherType(0x88b5).payloadLength(46).build());
    dataplane.expectNoPacket();
  }
}
