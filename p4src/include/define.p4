// Constants and type names shared by every control of the slicing pipeline.
#ifndef VDN_DEFINE_P4
#define VDN_DEFINE_P4

typedef bit<9>  port_t;
typedef bit<48> mac_t;
typedef bit<32> ipv4_t;
typedef bit<128> ipv6_t;
typedef bit<12> slice_id_t;
typedef bit<12> vlan_id_t;
typedef bit<3>  traffic_class_t;

// The CPU port BMv2 and the softswitch use for packet-in and packet-out (--cpu-port 255).
const port_t CPU_PORT = 255;
// Clone session the controller maps to the CPU port, for copies (ARP) sent up while the
// original goes on.
const bit<32> CPU_CLONE_SESSION = 511;

const bit<16> ETHERTYPE_IPV4 = 0x0800;
const bit<16> ETHERTYPE_ARP  = 0x0806;
const bit<16> ETHERTYPE_VLAN = 0x8100;
const bit<16> ETHERTYPE_LLDP = 0x88cc;
const bit<16> ETHERTYPE_IPV6 = 0x86dd;

const bit<8> PROTO_TCP = 6;
const bit<8> PROTO_UDP = 17;

// Meter colors as v1model reports them.
const bit<2> COLOR_GREEN  = 0;
const bit<2> COLOR_YELLOW = 1;
const bit<2> COLOR_RED    = 2;

// Slice 0 means "not classified": such packets never reach forwarding.
const slice_id_t NO_SLICE = 0;

#endif
