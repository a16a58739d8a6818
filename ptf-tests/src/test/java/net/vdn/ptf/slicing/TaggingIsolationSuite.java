package net.vdn.ptf.slicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.Replica;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

/** Egress tagging per port and slice, and isolation between slices. */
public abstract class TaggingIsolationSuite extends SlicingPipelineSuite {
  protected TaggingIsolationSuite(DataplaneTarget.Factory factory) {
    super(factory);
  }

  private static PacketBuilder udp(String dst, String src) {
    return PacketBuilder.ethernet(dst, src)
        .ipv4("10.0.0.1", "10.0.0.2")
        .udp(4000, 4001)
        .payloadLength(40);
  }

  @Test
  void trunkEgressPushesTheSliceIdAsTagWithTheTrafficClassAsPriority() {
    classifyPort(A1, SLICE_A, 5);
    trunk(TRUNK, SLICE_A);
    l2(SLICE_A, HOST_5, TRUNK);

    dataplane.send(A1, udp(HOST_5, HOST_1).build());
    dataplane.expectPacket(TRUNK, udp(HOST_5, HOST_1).vlan(5, false, SLICE_A).build());
    dataplane.expectNoPacket();
  }

  @Test
  void edgeEgressPopsTheSliceTag() {
    twoSlices();
    l2(SLICE_B, HOST_3, B1);

    dataplane.send(TRUNK, udp(HOST_3, HOST_5).vlan(2, false, SLICE_B).build());
    dataplane.expectPacket(B1, udp(HOST_3, HOST_5).build());
    dataplane.expectNoPacket();
  }

  @Test
  void trunkToTrunkRewritesTheTagToTheSliceId() {
    classifyVlan(TRUNK, 100, SLICE_A); // a customer tag on the trunk maps to slice A
    trunk(8, SLICE_A);
    l2(SLICE_A, HOST_5, 8);

    dataplane.send(TRUNK, udp(HOST_5, HOST_1).vlan(100).build());
    dataplane.expectPacket(8, udp(HOST_5, HOST_1).vlan(SLICE_A).build());
    dataplane.expectNoPacket();
  }

  @Test
  void aFrameOfOneSliceNeverLeavesAPortOnlyAnotherSliceHas() {
    twoSlices();
    // Misconfigured on purpose: slice A forwards to B's port and floods to it.
    l2(SLICE_A, HOST_3, B1);
    control.client().modify(new MulticastGroup(SLICE_A, replicas(A1, A2, B1, B2, TRUNK)));

    dataplane.send(A1, udp(HOST_3, HOST_1).build());
    dataplane.expectNoPacket();

    byte[] bcast = udp(BROADCAST, HOST_1).build();
    dataplane.send(A1, bcast);
    dataplane.expectPacket(A2, bcast);
    dataplane.expectPacket(TRUNK, udp(BROADCAST, HOST_1).vlan(SLICE_A).build());
    dataplane.expectNoPacket();
  }

  @Test
  void framesStoppedAtAPortOfAnotherSliceAreCountedAsIsolationDropsOfTheirSlice() {
    twoSlices();
    l2(SLICE_A, HOST_3, B1); // misconfigured on purpose, as above
    control.client().modify(new MulticastGroup(SLICE_A, replicas(A1, A2, B1, B2, TRUNK)));
    byte[] unicast = udp(HOST_3, HOST_1).build();
    byte[] bcast = udp(BROADCAST, HOST_1).build();

    dataplane.send(A1, unicast);
    dataplane.send(A1, bcast);
    dataplane.expectPacket(A2, bcast);
    dataplane.expectPacket(TRUNK, udp(BROADCAST, HOST_1).vlan(SLICE_A).build());
    dataplane.expectNoPacket();

    // The unicast frame at B1 and the broadcast's copies to B1 and B2; the copy back to A1 is no
    // isolation drop.
    assertThat(control.counter("isolation_drops", SLICE_A))
        .isEqualTo(new CounterData(unicast.length + 2L * bcast.length, 3));
    assertThat(control.counter("isolation_drops", SLICE_B)).isEqualTo(CounterData.ZERO);
  }

  @Test
  void mixedTrafficOfSeveralSlicesStaysInEachSlice() {
    twoSlices();
    l2(SLICE_A, HOST_2, A2);
    l2(SLICE_B, HOST_2, TRUNK);
    byte[] aUnicast = udp(HOST_2, HOST_1).build();
    byte[] bUnicast = udp(HOST_2, HOST_3).build();
    byte[] aBcast = udp(BROADCAST, HOST_2).build();
    byte[] bBcast = udp(BROADCAST, HOST_5).build();

    for (int round = 0; round < 3; round++) {
      dataplane.send(A1, aUnicast);
      dataplane.send(B1, bUnicast);
      dataplane.send(A2, aBcast);
      dataplane.send(B2, bBcast);
    }
    for (int round = 0; round < 3; round++) {
      dataplane.expectPacket(A2, aUnicast);
      dataplane.expectPacket(TRUNK, udp(HOST_2, HOST_3).vlan(SLICE_B).build());
      dataplane.expectPacket(A1, aBcast);
      dataplane.expectPacket(TRUNK, udp(BROADCAST, HOST_2).vlan(SLICE_A).build());
      dataplane.expectPacket(B1, bBcast);
      dataplane.expectPacket(TRUNK, udp(BROADCAST, HOST_5).vlan(SLICE_B).build());
    }
    dataplane.expectNoPacket();
  }

  private static List<Replica> replicas(int... ports) {
    return java.util.Arrays.stream(ports).mapToObj(p -> new Replica(p, 1)).toList();
  }
}
