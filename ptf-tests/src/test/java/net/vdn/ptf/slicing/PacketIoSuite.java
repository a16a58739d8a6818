package net.vdn.ptf.slicing;

import java.util.Map;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.packet.Frames;
import net.vdn.ptf.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

/** Frames to and from the controller: LLDP punt, ARP copy, packet-out direct and through. */
public abstract class PacketIoSuite extends SlicingPipelineSuite {
  protected PacketIoSuite(DataplaneTarget.Factory factory) {
    super(factory);
  }

  @Test
  void lldpIsPuntedToTheControllerWithItsIngressPort() {
    twoSlices();
    toController(Frames.ETHERTYPE_LLDP, false);
    byte[] lldp =
        PacketBuilder.ethernet("01:80:c2:00:00:0e", "00:00:00:00:0b:01")
            .lldp("00:00:00:00:0b:01", "port-7", 120)
            .padTo(60)
            .build();

    dataplane.send(TRUNK, lldp);
    control.expectPacketIn(lldp, Map.of("ingress_port", (long) TRUNK));
    dataplane.send(A2, lldp);
    control.expectPacketIn(lldp, Map.of("ingress_port", (long) A2));
    dataplane.expectNoPacket(); // punted, not flooded
    control.expectNoPacketIn();
  }

  @Test
  void arpIsCopiedToTheControllerAndStillFlooded() {
    twoSlices();
    toController(Frames.ETHERTYPE_ARP, true);
    PacketBuilder arp =
        PacketBuilder.ethernet(BROADCAST, HOST_1)
            .arpRequest(HOST_1, "10.0.0.1", "10.0.0.2")
            .padTo(60);

    dataplane.send(A1, arp.build());
    control.expectPacketIn(arp.build(), Map.of("ingress_port", (long) A1));
    dataplane.expectPacket(A2, arp.build());
    // The tag is pushed in front of the padded frame.
    dataplane.expectPacket(TRUNK, arp.copy().vlan(SLICE_A).padTo(64).build());
    dataplane.expectNoPacket();
    control.expectNoPacketIn();
  }

  @Test
  void taggedArpFromATrunkIsCopiedToTheControllerToo() {
    twoSlices();
    toController(Frames.ETHERTYPE_ARP, true);
    PacketBuilder arp =
        PacketBuilder.ethernet(BROADCAST, HOST_1)
            .vlan(SLICE_B)
            .arpRequest(HOST_1, "10.0.0.1", "10.0.0.2")
            .padTo(64);

    dataplane.send(TRUNK, arp.build());
    control.expectPacketIn(arp.build(), Map.of("ingress_port", (long) TRUNK));
  }

  @Test
  void packetOutLeavesOnTheNamedPortUnchanged() {
    twoSlices();
    byte[] frame =
        PacketBuilder.ethernet(HOST_3, ROUTER)
            .vlan(3, true, 99) // a tag no slice uses: the frame is not touched
            .ipv4("10.9.9.9", "10.0.0.3")
            .udp(9, 9)
            .payloadLength(30)
            .build();

    control.packetOut(frame, Map.of("egress_port", (long) B1, "do_forwarding", 0L));
    dataplane.expectPacket(B1, frame);
    dataplane.expectNoPacket();
  }

  @Test
  void packetOutWithForwardingGoesThroughTheSlicePipelineAsIfFromItsPort() {
    twoSlices();
    l2(SLICE_A, HOST_5, TRUNK);
    PacketBuilder frame =
        PacketBuilder.ethernet(HOST_5, ROUTER)
            .ipv4("10.0.0.9", "10.0.0.5")
            .tcp(1, 2)
            .payloadLength(20);

    control.packetOut(frame.build(), Map.of("egress_port", (long) A1, "do_forwarding", 1L));
    dataplane.expectPacket(TRUNK, frame.copy().vlan(SLICE_A).build());
    dataplane.expectNoPacket();

    // Broadcast through the pipeline floods the slice but not the port it "came in" on.
    PacketBuilder bcast =
        PacketBuilder.ethernet(BROADCAST, ROUTER).etherType(0x88b5).payloadLength(46);
    control.packetOut(bcast.build(), Map.of("egress_port", (long) A1, "do_forwarding", 1L));
    dataplane.expectPacket(A2, bcast.build());
    dataplane.expectPacket(TRUNK, bcast.copy().vlan(SLICE_A).build());
    dataplane.expectNoPacket();
  }
}
