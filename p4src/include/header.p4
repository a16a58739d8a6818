// Headers and metadata of the slicing pipeline.
#ifndef VDN_HEADER_P4
#define VDN_HEADER_P4

#include "define.p4"

// From the controller. do_forwarding = 0: the frame leaves on egress_port as it is.
// do_forwarding = 1: the frame goes through the slice pipeline as if it had come in on
// egress_port (classified, forwarded, metered and tagged like any other).
@controller_header("packet_out")
header packet_out_t {
    port_t egress_port;
    bit<1> do_forwarding;
    @padding bit<6> _pad;
}

// To the controller: the port the packet came in on.
@controller_header("packet_in")
header packet_in_t {
    port_t ingress_port;
    @padding bit<7> _pad;
}

header ethernet_t {
    mac_t   dst_addr;
    mac_t   src_addr;
    bit<16> ether_type;
}

header vlan_t {
    bit<3>    pcp;
    bit<1>    dei;
    vlan_id_t vid;
    bit<16>   ether_type;
}

header ipv4_h {
    bit<4>  version;
    bit<4>  ihl;
    bit<6>  dscp;
    bit<2>  ecn;
    bit<16> total_len;
    bit<16> identification;
    bit<3>  flags;
    bit<13> frag_offset;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> hdr_checksum;
    ipv4_t  src_addr;
    ipv4_t  dst_addr;
}

header ipv6_h {
    bit<4>  version;
    bit<8>  traffic_class;
    bit<20> flow_label;
    bit<16> payload_len;
    bit<8>  next_hdr;
    bit<8>  hop_limit;
    ipv6_t  src_addr;
    ipv6_t  dst_addr;
}

header tcp_t {
    bit<16> sport;
    bit<16> dport;
    bit<32> seq_no;
    bit<32> ack_no;
    bit<4>  data_offset;
    bit<4>  res;
    bit<8>  flags;
    bit<16> window;
    bit<16> checksum;
    bit<16> urgent_ptr;
}

header udp_t {
    bit<16> sport;
    bit<16> dport;
    bit<16> len;
    bit<16> checksum;
}

header arp_t {
    bit<16> hw_type;
    bit<16> proto_type;
    bit<8>  hw_len;
    bit<8>  proto_len;
    bit<16> opcode;
    mac_t   sender_mac;
    ipv4_t  sender_ip;
    mac_t   target_mac;
    ipv4_t  target_ip;
}

struct headers_t {
    packet_out_t packet_out;
    packet_in_t  packet_in;
    ethernet_t   ethernet;
    vlan_t       vlan;
    ipv4_h       ipv4;
    ipv6_h       ipv6;
    tcp_t        tcp;
    udp_t        udp;
    arp_t        arp;
}

struct local_metadata_t {
    slice_id_t      slice_id;
    traffic_class_t traffic_class;
    // IPv4's protocol or IPv6's next header: the classifier's ip_proto, for either family.
    bit<8>          ip_proto;
    bit<16>         l4_sport;
    bit<16>         l4_dport;
    // The frame's own ether type: after the 802.1Q tag when there is one.
    bit<16>         ether_type;
    bit<2>          color;
    bool            skip_forwarding;
    bool            flooded;
    // Routed with a TTL or hop limit of 1 or less: dropped by forwarding, not metered.
    bool            ttl_expired;
    // Carried to egress for the packet-in header of copies sent to the CPU.
    @field_list(1)
    port_t          ingress_port;
}

#endif
