package net.vdn.ptf.slicing;

import static org.assertj.core.api.Assertions.assertThat;

import net.vdn.p4runtime.entity.CounterData;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * Slice endpoints named by edge port and customer VLAN: the customer's tag is translated to the
 * slice's VLAN on the way in ({@code customer_vlan}) and back on the way out ({@code egress_vlan}'s
 * {@code to_customer_vlan}); untagged and other tags on that port are not the endpoint's.
 */
public abstract class CustomerVlanSuite extends SlicingPipelineSuite {
  private static final int CUSTOMER_A = 100;
  private static final int CUSTOMER_A_OTHER_SITE = 200;
  private static final int CUSTOMER_B = 300;

  protected CustomerVlanSuite(DataplaneTarget.Factory factory) {
    super(factory);
  }

  private static PacketBuilder udp(String dst, String src) {
    return PacketBuilder.ethernet(dst, src)
        .ipv4("10.0.0.1", "10.0.0.2")
        .udp(4000, 4001)
        .payloadLength(40);
  }

  /** Slice A at A1 tagged 100 and at A2 tagged 200; slice B at A1 tagged 300; both on the trunk. */
  private void vlanEndpoints() {
    customerVlan(A1, CUSTOMER_A, SLICE_A);
    customerVlan(A2, CUSTOMER_A_OTHER_SITE, SLICE_A);
    customerVlan(A1, CUSTOMER_B, SLICE_B);
    classifyVlan(TRUNK, SLICE_A, SLICE_A);
    classifyVlan(TRUNK, SLICE_B, SLICE_B);
    toCustomerVlan(A1, SLICE_A, CUSTOMER_A);
    toCustomerVlan(A2, SLICE_A, CUSTOMER_A_OTHER_SITE);
    toCustomerVlan(A1, SLICE_B, CUSTOMER_B);
    trunk(TRUNK, SLICE_A);
    trunk(TRUNK, SLICE_B);
  }

  @Test
  void theCustomerVlanBecomesTheSliceVlanOnTheTrunkAndComesBackAsTheCustomerVlan() {
    vlanEndpoints();
    l2(SLICE_A, HOST_5, TRUNK);
    l2(SLICE_A, HOST_1, A1);

    dataplane.send(A1, udp(HOST_5, HOST_1).vlan(CUSTOMER_A).build());
    dataplane.expectPacket(TRUNK, udp(HOST_5, HOST_1).vlan(SLICE_A).build());
    dataplane.send(TRUNK, udp(HOST_1, HOST_5).vlan(SLICE_A).build());
    dataplane.expectPacket(A1, udp(HOST_1, HOST_5).vlan(CUSTOMER_A).build());
    dataplane.expectNoPacket();
  }

  @Test
  void twoSitesOfOneSliceWithDifferentCustomerVlansOnOneSwitch() {
    vlanEndpoints();
    l2(SLICE_A, HOST_2, A2);
    classifyPort(B2, SLICE_A, 0); // an untagged endpoint of the same slice
    edge(B2, SLICE_A);
    l2(SLICE_A, HOST_1, A1);

    dataplane.send(A1, udp(HOST_2, HOST_1).vlan(CUSTOMER_A).build());
    dataplane.expectPacket(A2, udp(HOST_2, HOST_1).vlan(CUSTOMER_A_OTHER_SITE).build());
    dataplane.send(B2, udp(HOST_1, HOST_5).build());
    dataplane.expectPacket(A1, udp(HOST_1, HOST_5).vlan(CUSTOMER_A).build()); // tag pushed
    dataplane.expectNoPacket();
  }

  @Test
  void oneEdgePortCarriesTwoSlicesApartByCustomerVlan() {
    vlanEndpoints();
    flood(SLICE_A, A1, A2, TRUNK);
    flood(SLICE_B, A1, TRUNK);
    PacketBuilder bcast = PacketBuilder.ethernet(BROADCAST, HOST_5).etherType(0x88b5);
    bcast.payloadLength(46);

    dataplane.send(TRUNK, bcast.copy().vlan(SLICE_B).build());
    dataplane.expectPacket(A1, bcast.copy().vlan(CUSTOMER_B).build());
    dataplane.expectNoPacket();
    dataplane.send(A1, bcast.copy().vlan(CUSTOMER_B).build());
    dataplane.expectPacket(TRUNK, bcast.copy().vlan(SLICE_B).build());
    dataplane.expectNoPacket();
    dataplane.send(TRUNK, bcast.copy().vlan(SLICE_A).build());
    dataplane.expectPacket(A1, bcast.copy().vlan(CUSTOMER_A).build());
    dataplane.expectPacket(A2, bcast.copy().vlan(CUSTOMER_A_OTHER_SITE).build());
    dataplane.expectNoPacket();
  }

  @Test
  void untaggedFramesAndOtherVlansAtAVlanEndpointAreNotTheSlices() {
    vlanEndpoints();
    l2(SLICE_A, HOST_5, TRUNK);
    byte[] untagged = udp(HOST_5, HOST_1).build();
    byte[] otherVlan = udp(HOST_5, HOST_1).vlan(CUSTOMER_A + 1).build();

    dataplane.send(A1, untagged);
    dataplane.send(A1, otherVlan);
    dataplane.expectNoPacket();
    assertThat(control.counter("unclassified", A1))
        .isEqualTo(new CounterData(untagged.length + otherVlan.length, 2));
    assertThat(control.counter("slice_ingress", SLICE_A)).isEqualTo(CounterData.ZERO);
  }
}
