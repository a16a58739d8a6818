package net.vdn.ptf.slicing;

import static org.assertj.core.api.Assertions.assertThat;

import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

/** Which slice a frame joins: by port, by VLAN on trunks, by 5-tuple with priorities; or none. */
public abstract class ClassificationSuite extends SlicingPipelineSuite {
  protected ClassificationSuite(DataplaneTarget.Factory factory) {
    super(factory);
  }

  private static PacketBuilder toHost2() {
    return PacketBuilder.ethernet(HOST_2, HOST_1)
        .ipv4("10.0.0.1", "10.0.0.2")
        .udp(1000, 2000)
        .payloadLength(32);
  }

  @Test
  void framesOfAnEdgePortJoinThatPortsSlice() {
    twoSlices();
    l2(SLICE_A, HOST_2, A2);
    l2(SLICE_B, HOST_2, B2);
    byte[] frame = toHost2().build();

    dataplane.send(A1, frame);
    dataplane.expectPacket(A2, frame);
    dataplane.send(B1, frame);
    dataplane.expectPacket(B2, frame);
    dataplane.expectNoPacket();
  }

  @Test
  void taggedFramesOnATrunkJoinTheSliceOfTheirVlanId() {
    twoSlices();
    l2(SLICE_A, HOST_2, A2);
    l2(SLICE_B, HOST_2, B2);

    dataplane.send(TRUNK, toHost2().vlan(SLICE_B).build());
    dataplane.expectPacket(B2, toHost2().build());
    dataplane.send(TRUNK, toHost2().vlan(SLICE_A).build());
    dataplane.expectPacket(A2, toHost2().build());
    dataplane.expectNoPacket();
  }

  @Test
  void theHighestPriorityOfOverlappingFiveTupleRulesWins() {
    twoSlices();
    l2(SLICE_A, HOST_2, A2);
    l2(SLICE_B, HOST_2, B2);
    // Specific rules first, the broad one last: priority decides, not the order of insertion.
    classify(
        TableEntry.in("slice_classifier")
            .ternary("ip_proto", Value.of(6), Value.ones(8))
            .ternary("l4_dport", Value.of(80), Value.ones(16))
            .priority(300),
        SLICE_B);
    classify(
        TableEntry.in("slice_classifier")
            .ternary("ipv4_src", Value.ip("192.168.1.0"), Value.ip("255.255.255.0"))
            .ternary("ip_proto", Value.of(17), Value.ones(8))
            .ternary("l4_sport", Value.of(5000), Value.ones(16))
            .priority(200),
        SLICE_B);
    classify(
        TableEntry.in("slice_classifier")
            .ternary("ipv4_dst", Value.ip("10.0.0.0"), Value.ip("255.0.0.0"))
            .priority(100),
        SLICE_A);
    PacketBuilder web = PacketBuilder.ethernet(HOST_2, HOST_1).ipv4("10.0.0.1", "10.0.0.2");
    byte[] http = web.copy().tcp(40000, 80).payloadLength(20).build();
    byte[] ssh = web.copy().tcp(40000, 22).payloadLength(20).build();
    byte[] fromLab = web.copy().ipv4("192.168.1.7", "10.0.0.2").udp(5000, 53).build();
    byte[] fromLabOtherPort = web.copy().ipv4("192.168.1.7", "10.0.0.2").udp(5001, 53).build();

    dataplane.send(FIVE_TUPLE_PORT, http);
    dataplane.expectPacket(B2, http);
    dataplane.send(FIVE_TUPLE_PORT, ssh);
    dataplane.expectPacket(A2, ssh);
    dataplane.send(FIVE_TUPLE_PORT, fromLab);
    dataplane.expectPacket(B2, fromLab);
    dataplane.send(FIVE_TUPLE_PORT, fromLabOtherPort);
    dataplane.expectPacket(A2, fromLabOtherPort);
    dataplane.expectNoPacket();
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
  void unclassifiedFramesAreDroppedAndCountedPerIngressPort() {
    twoSlices();
    l2(SLICE_A, HOST_2, A2);
    byte[] untagged = toHost2().build();
    byte[] unknownVlan = toHost2().vlan(30).build();

    dataplane.send(NO_SLICE_PORT, untagged);
    dataplane.send(NO_SLICE_PORT, untagged);
    dataplane.send(TRUNK, unknownVlan);
    dataplane.send(TRUNK, toHost2().build()); // untagged on a trunk: no entry either
    dataplane.expectNoPacket();

    assertThat(control.counter("unclassified", NO_SLICE_PORT))
        .isEqualTo(new CounterData(2L * untagged.length, 2));
    assertThat(control.counter("unclassified", TRUNK))
        .isEqualTo(new CounterData(unknownVlan.length + untagged.length, 2));
    assertThat(control.counter("slice_ingress", SLICE_A)).isEqualTo(CounterData.ZERO);
  }
}
