package net.vdn.ptf.slicing;

import static org.assertj.core.api.Assertions.assertThat;

import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.MeterConfig;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * Per-slice counters and the per-slice two-rate three-color meter. The meter tests are made
 * deterministic by their sizes, not by timing: at 1 byte/s the buckets refill by a few bytes in the
 * whole test, far less than one frame, so a back-to-back burst is colored by the bucket sizes
 * alone.
 */
public abstract class MeteringCountersSuite extends SlicingPipelineSuite {
  private static final int FRAME = 100;

  protected MeteringCountersSuite(DataplaneTarget.Factory factory) {
    super(factory);
  }

  /** A 100-byte UDP frame from slice A's edge to host 5 behind the trunk. */
  private static PacketBuilder frame() {
    PacketBuilder b = PacketBuilder.ethernet(HOST_5, HOST_1).ipv4("10.0.0.1", "10.0.0.5").udp(1, 2);
    return b.payloadLength(FRAME - 42);
  }

  @Test
  void countsEachSlicesIngressAndEgressFramesApart() {
    twoSlices();
    l2(SLICE_A, HOST_5, TRUNK);
    l2(SLICE_B, HOST_5, B2);
    byte[] a = frame().build();
    byte[] b = frame().build();
    for (int i = 0; i < 3; i++) {
      dataplane.send(A1, a);
      dataplane.expectPacket(TRUNK, frame().vlan(SLICE_A).build());
    }
    for (int i = 0; i < 2; i++) {
      dataplane.send(B1, b);
      dataplane.expectPacket(B2, b);
    }

    assertThat(control.counter("slice_ingress", SLICE_A)).isEqualTo(new CounterData(300, 3));
    assertThat(control.counter("slice_ingress", SLICE_B)).isEqualTo(new CounterData(200, 2));
    // Egress counts the frame as it enters egress, before the tag is pushed.
    assertThat(control.counter("slice_egress", SLICE_A).packets()).isEqualTo(3);
    assertThat(control.counter("slice_egress", SLICE_B)).isEqualTo(new CounterData(200, 2));
    assertThat(control.counter("slice_drops", SLICE_A)).isEqualTo(CounterData.ZERO);
    assertThat(control.counter("slice_drops", SLICE_B)).isEqualTo(CounterData.ZERO);
  }

  @Test
  void aBurstAboveThePeakBucketIsGreenThenYellowThenRedAndRedIsDropped() {
    twoSlices();
    l2(SLICE_A, HOST_5, TRUNK);
    // Committed bucket: 1.5 frames, peak bucket: 2.5 frames, both refilling at 1 byte/s.
    control.setMeter("slice_meter", SLICE_A, MeterConfig.twoRate(1, 150, 1, 250));

    for (int i = 0; i < 4; i++) {
      dataplane.send(A1, frame().build());
    }
    dataplane.expectPacket(TRUNK, frame().vlan(0, false, SLICE_A).build()); // green
    dataplane.expectPacket(TRUNK, frame().vlan(0, true, SLICE_A).build()); // yellow: DEI set
    dataplane.expectNoPacket(); // red: dropped

    assertThat(control.counter("slice_ingress", SLICE_A)).isEqualTo(new CounterData(400, 4));
    assertThat(control.counter("slice_drops", SLICE_A)).isEqualTo(new CounterData(200, 2));
    assertThat(control.counter("slice_egress", SLICE_A).packets()).isEqualTo(2);
  }

  @Test
  void yellowFramesLeaveAnEdgePortUntagged() {
    twoSlices();
    l2(SLICE_A, HOST_2, A2);
    control.setMeter("slice_meter", SLICE_A, MeterConfig.twoRate(1, 150, 1, 250));
    PacketBuilder toHost2 = frame().ethDst(HOST_2);

    dataplane.send(A1, toHost2.build());
    dataplane.send(A1, toHost2.build());
    dataplane.expectPacket(A2, toHost2.build());
    dataplane.expectPacket(A2, toHost2.build());
    dataplane.expectNoPacket();
    assertThat(control.counter("slice_drops", SLICE_A)).isEqualTo(CounterData.ZERO);
  }

  @Test
  void meteringOneSliceLeavesTheOtherUnlimited() {
    twoSlices();
    l2(SLICE_A, HOST_5, TRUNK);
    l2(SLICE_B, HOST_5, B2);
    control.setMeter("slice_meter", SLICE_A, MeterConfig.twoRate(1, 50, 1, 50)); // all red
    assertThat(control.meter("slice_meter", SLICE_A)).isEqualTo(MeterConfig.twoRate(1, 50, 1, 50));

    for (int i = 0; i < 5; i++) {
      dataplane.send(A1, frame().build());
      dataplane.send(B1, frame().build());
    }
    for (int i = 0; i < 5; i++) {
      dataplane.expectPacket(B2, frame().build());
    }
    dataplane.expectNoPacket();
    assertThat(control.counter("slice_drops", SLICE_A)).isEqualTo(new CounterData(500, 5));
    assertThat(control.counter("slice_drops", SLICE_B)).isEqualTo(CounterData.ZERO);
  }
}
