package net.vdn.pipeconf;

/**
 * The names of p4src/slicing.p4's control-plane objects, as P4Info spells them. A test checks every
 * constant against the compiled P4Info, so a renamed table fails the build, not a switch.
 */
public final class SlicingNames {
  private SlicingNames() {}

  public static final String PUNT = "SliceIngress.punt.punt";
  public static final String PUNT_TO_CPU = "SliceIngress.punt.punt_to_cpu";
  public static final String COPY_TO_CPU = "SliceIngress.punt.copy_to_cpu";

  public static final String CLASSIFIER = "SliceIngress.classifier.slice_classifier";
  public static final String SET_SLICE = "SliceIngress.classifier.set_slice";
  public static final String UNCLASSIFIED = "SliceIngress.classifier.unclassified";
  public static final String CUSTOMER_VLAN = "SliceIngress.classifier.customer_vlan";
  public static final String FROM_CUSTOMER_VLAN = "SliceIngress.classifier.from_customer_vlan";

  public static final String FWD_L2 = "SliceIngress.forwarding.slice_fwd_l2";
  public static final String FWD_L3 = "SliceIngress.forwarding.slice_fwd_l3";
  public static final String FWD_L3_V6 = "SliceIngress.forwarding.slice_fwd_l3_v6";
  public static final String FLOOD_TABLE = "SliceIngress.forwarding.slice_flood";
  public static final String FWD = "SliceIngress.forwarding.fwd";
  public static final String ROUTE = "SliceIngress.forwarding.route";
  public static final String FLOOD = "SliceIngress.forwarding.flood";
  public static final String TTL_EXPIRED = "SliceIngress.forwarding.ttl_expired";

  public static final String SLICE_METER = "SliceIngress.metering.slice_meter";
  public static final String SLICE_INGRESS = "SliceIngress.metering.slice_ingress";
  public static final String SLICE_DROPS = "SliceIngress.metering.slice_drops";

  public static final String EGRESS_VLAN = "SliceEgress.tagging.egress_vlan";
  public static final String PUSH_TAG = "SliceEgress.tagging.push_tag";
  public static final String POP_TAG = "SliceEgress.tagging.pop_tag";
  public static final String TO_CUSTOMER_VLAN = "SliceEgress.tagging.to_customer_vlan";
  public static final String SLICE_EGRESS = "SliceEgress.tagging.slice_egress";
  public static final String ISOLATION_DROPS = "SliceEgress.tagging.isolation_drops";

  // Match fields and parameters.
  public static final String INGRESS_PORT = "ingress_port";
  public static final String ETHER_TYPE = "ether_type";
  public static final String VLAN_VALID = "vlan_valid";
  public static final String VLAN_ID = "vlan_id";
  public static final String IPV4_SRC = "ipv4_src";
  public static final String IPV4_DST = "ipv4_dst";
  public static final String IP_PROTO = "ip_proto";
  public static final String IPV4_VALID = "ipv4_valid";
  public static final String IPV6_VALID = "ipv6_valid";
  public static final String IPV6_SRC = "ipv6_src";
  public static final String IPV6_DST = "ipv6_dst";
  public static final String L4_SPORT = "l4_sport";
  public static final String L4_DPORT = "l4_dport";
  public static final String SLICE_ID = "slice_id";
  public static final String ETH_DST = "eth_dst";
  public static final String EGRESS_PORT = "egress_port";
  public static final String TC = "tc";
  public static final String PORT = "port";
  public static final String SRC_MAC = "src_mac";
  public static final String DST_MAC = "dst_mac";
  public static final String GROUP = "group";
  public static final String CUSTOMER_VID = "customer_vid";

  /** The CPU port and the clone session that copies frames to it (see p4src/include/define.p4). */
  public static final int CPU_PORT = 255;

  public static final int CPU_CLONE_SESSION = 511;
}
