package net.vdn.ptf.slicing;

import static org.assertj.core.api.Assertions.assertThat;

import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.packet.Frames;
import net.vdn.ptf.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * IPv6 beside IPv4: classification by IPv6 prefix and next header, routing by IPv6 prefix with the
 * hop limit decremented; and a TTL or hop limit that runs out on a routed frame, which is dropped
 * and counted per slice as a router would, never flooded.
 */
public abstract class RoutingSuite extends SlicingPipelineSuite {
  private static final String LAB = "2001:db8:a::7";

  protected RoutingSuite(DataplaneTarget.Factory factory) {
    super(factory);
  }

  private static PacketBuilder v6(String src, String dst) {
    return PacketBuilder.ethernet(HOST_2, HOST_1).ipv6(src, dst);
  }

  @Test
  void ipv6FramesJoinASliceByPrefixAndNextHeader() {
    twoSlices();
    l2(SLICE_A, HOST_2, A2);
    l2(SLICE_B, HOST_2, B2);
    // UDP from the lab's /48 is slice B; anything else to 2001:db8::/32 is slice A.
    classify(
        TableEntry.in("slice_classifier")
            .ternary("ipv6_valid", Value.of(1), Value.of(1))
            .ternary("ipv6_src", Value.ip("2001:db8:a::"), Value.ip("ffff:ffff:ffff::"))
            .ternary("ip_proto", Value.of(17), Value.ones(8))
            .priority(200),
        SLICE_B);
    classify(
        TableEntry.in("slice_classifier")
            .ternary("ipv6_valid", Value.of(1), Value.of(1))
            .ternary("ipv6_dst", Value.ip("2001:db8::"), Value.ip("ffff:ffff::"))
            .priority(100),
        SLICE_A);
    byte[] labUdp = v6(LAB, "2001:db8:1::2").udp(5000, 53).payloadLength(20).build();
    byte[] labTcp = v6(LAB, "2001:db8:1::2").tcp(40000, 22).payloadLength(20).build();
    byte[] otherUdp = v6("2001:db8:b::7", "2001:db8:1::2").udp(5000, 53).build();
    byte[] elsewhere = v6(LAB, "2001:db9::2").tcp(40000, 22).build();
    byte[] ipv4 =
        PacketBuilder.ethernet(HOST_2, HOST_1).ipv4("10.0.0.1", "10.0.0.2").udp(5000, 53).build();

    dataplane.send(FIVE_TUPLE_PORT, labUdp);
    dataplane.expectPacket(B2, labUdp);
    dataplane.send(FIVE_TUPLE_PORT, labTcp);
    dataplane.expectPacket(A2, labTcp);
    dataplane.send(FIVE_TUPLE_PORT, otherUdp);
    dataplane.expectPacket(A2, otherUdp);
    // Neither rule claims these: no IPv6 rule matches an IPv4 frame, whatever came before it.
    dataplane.send(FIVE_TUPLE_PORT, elsewhere);
    dataplane.send(FIVE_TUPLE_PORT, ipv4);
    dataplane.expectNoPacket();
    assertThat(control.counter("unclassified", FIVE_TUPLE_PORT).packets()).isEqualTo(2);
  }

  private void classify(TableEntry.Builder entry, int slice) {
    control
        .client()
        .insert(
            entry
                .exact("ingress_port", FIVE_TUPLE_PORT)
                .action("set_slice", "slice_id", slice, "tc", 0)
                .build());
  }

  @Test
  void ipv6RoutingRewritesMacsDecrementsTheHopLimitAndTheLongestPrefixWins() {
    twoSlices();
    route6(SLICE_A, "2001:db8:2::", 48, A2, ROUTER, HOST_2);
    route6(SLICE_A, "2001:db8:2:3::", 64, TRUNK, ROUTER, HOST_5);
    route6(SLICE_B, "2001:db8:2:3::4", 128, B2, ROUTER, HOST_5); // another slice's longer prefix
    PacketBuilder near =
        PacketBuilder.ethernet(ROUTER, HOST_1)
            .ipv6("2001:db8:1::1", "2001:db8:2:9::4")
            .hopLimit(64)
            .tcp(33000, 443)
            .payloadLength(40);
    PacketBuilder far = near.copy().ipv6("2001:db8:1::1", "2001:db8:2:3::4");

    dataplane.send(A1, near.build());
    byte[] out = near.copy().ethDst(HOST_2).ethSrc(ROUTER).hopLimit(63).build();
    dataplane.expectPacket(A2, out);
    dataplane.send(A1, far.build());
    dataplane.expectPacket(
        TRUNK, far.copy().ethDst(HOST_5).ethSrc(ROUTER).hopLimit(63).vlan(SLICE_A).build());
    dataplane.expectNoPacket();
    assertThat(out[Frames.ipv6Offset(out) + 7]).as("hop limit").isEqualTo((byte) 63);
  }

  @Test
  void routedIpv4WithTtlOneOrZeroIsDroppedAndCountedInItsSliceNotFlooded() {
    twoSlices();
    route(SLICE_A, "10.2.0.0", 16, A2, ROUTER, HOST_2);
    route(SLICE_B, "10.2.0.0", 16, B2, ROUTER, HOST_5);
    PacketBuilder sent =
        PacketBuilder.ethernet(ROUTER, HOST_1).ipv4("10.1.0.1", "10.2.3.4").udp(7, 7);
    byte[] ttl1 = sent.copy().ttl(1).build();

    dataplane.send(A1, ttl1);
    dataplane.send(A1, sent.copy().ttl(0).build());
    dataplane.expectNoPacket();
    dataplane.send(A1, sent.copy().ttl(2).build());
    dataplane.expectPacket(A2, sent.copy().ethDst(HOST_2).ethSrc(ROUTER).ttl(1).build());
    dataplane.expectNoPacket();

    assertThat(control.counter("ttl_expired", SLICE_A))
        .isEqualTo(new CounterData(2L * ttl1.length, 2));
    assertThat(control.counter("ttl_expired", SLICE_B)).isEqualTo(CounterData.ZERO);
    assertThat(control.counter("slice_ingress", SLICE_A).packets()).isEqualTo(3);
    assertThat(control.counter("slice_drops", SLICE_A))
        .as("expired frames are not the meter's drops")
        .isEqualTo(CounterData.ZERO);
  }

  @Test
  void routedIpv6WithHopLimitOneIsDroppedAndCountedInItsSlice() {
    twoSlices();
    route6(SLICE_B, "2001:db8:5::", 48, B2, ROUTER, HOST_5);
    PacketBuilder sent =
        PacketBuilder.ethernet(ROUTER, HOST_3).ipv6("2001:db8:3::1", "2001:db8:5::1").udp(9, 9);
    byte[] last = sent.copy().hopLimit(1).build();

    dataplane.send(B1, last);
    dataplane.expectNoPacket();
    dataplane.send(B1, sent.copy().hopLimit(2).build());
    dataplane.expectPacket(B2, sent.copy().ethDst(HOST_5).ethSrc(ROUTER).hopLimit(1).build());
    dataplane.expectNoPacket();

    assertThat(control.counter("ttl_expired", SLICE_B)).isEqualTo(new CounterData(last.length, 1));
    assertThat(control.counter("ttl_expired", SLICE_A)).isEqualTo(CounterData.ZERO);
  }

  @Test
  void unroutedFramesWithTtlOneAreStillFloodedInTheirSlice() {
    twoSlices();
    route(SLICE_A, "10.2.0.0", 16, A2, ROUTER, HOST_2);
    // Link-local multicast (mDNS's group, TTL 1 by design) and IPv6 neighbour discovery
    // (hop limit 255) to multicast MACs: no route claims them, so they stay within the slice.
    PacketBuilder mdns =
        PacketBuilder.ethernet("01:00:5e:00:00:fb", HOST_1)
            .ipv4("10.1.0.1", "224.0.0.251")
            .ttl(1)
            .udp(5353, 5353);
    PacketBuilder nd =
        PacketBuilder.ethernet("33:33:ff:00:00:02", HOST_1)
            .ipv6("fe80::1", "ff02::1:ff00:2")
            .hopLimit(255)
            .ipProtocol(58)
            .payloadLength(24);

    for (PacketBuilder frame : new PacketBuilder[] {mdns, nd}) {
      dataplane.send(A1, frame.build());
      dataplane.expectPacket(A2, frame.build());
      dataplane.expectPacket(TRUNK, frame.copy().vlan(SLICE_A).build());
      dataplane.expectNoPacket();
    }
    assertThat(control.counter("ttl_expired", SLICE_A)).isEqualTo(CounterData.ZERO);
  }
}
