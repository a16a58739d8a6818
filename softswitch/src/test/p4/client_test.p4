/*
 * A v1model program for the P4Runtime client's scenarios: one table per match kind, an action
 * selector, direct and indirect counters and meters, a register, a digest, idle timeouts, and
 * controller packet-in/packet-out headers. It is a fixture, not a useful data plane.
 */
#include <core.p4>
#include <v1model.p4>

const bit<9> CPU_PORT = 255;
const bit<16> ETH_LLDP = 0x88cc;
const bit<16> ETH_IPV4 = 0x0800;

@controller_header("packet_out")
header packet_out_t {
    bit<9> egress_port;
    @padding bit<7> _pad;
}

@controller_header("packet_in")
header packet_in_t {
    bit<9> ingress_port;
    @padding bit<7> _pad;
}

header ethernet_t {
    bit<48> dst_addr;
    bit<48> src_addr;
    bit<16> ether_type;
}

header ipv4_t {
    bit<4>  version;
    bit<4>  ihl;
    bit<8>  dscp_ecn;
    bit<16> total_len;
    bit<16> identification;
    bit<16> flags_frag;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> checksum;
    bit<32> src_addr;
    bit<32> dst_addr;
}

struct headers_t {
    packet_out_t packet_out;
    packet_in_t  packet_in;
    ethernet_t   ethernet;
    ipv4_t       ipv4;
}

struct learn_t {
    bit<48> src_addr;
    bit<9>  ingress_port;
}

struct metadata_t {
    bit<16> selector_hash;
}

parser TestParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t std) {
    state start {
        transition select(std.ingress_port) {
            CPU_PORT: parse_packet_out;
            default: parse_ethernet;
        }
    }
    state parse_packet_out {
        pkt.extract(hdr.packet_out);
        transition parse_ethernet;
    }
    state parse_ethernet {
        pkt.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            ETH_IPV4: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        pkt.extract(hdr.ipv4);
        transition accept;
    }
}

control TestVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control TestIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t std) {
    direct_counter(CounterType.packets_and_bytes) exact_counter;
    direct_meter<bit<2>>(MeterType.bytes) ternary_meter;
    counter(512, CounterType.packets_and_bytes) port_counter;
    meter(512, MeterType.bytes) port_meter;
    register<bit<32>>(256) last_seen;
    bit<2> color;

    action drop() {
        mark_to_drop(std);
    }
    action set_port(bit<9> port) {
        std.egress_spec = port;
    }
    action set_port_counted(bit<9> port) {
        std.egress_spec = port;
        exact_counter.count();
    }
    action set_port_metered(bit<9> port) {
        std.egress_spec = port;
        ternary_meter.read(color);
    }
    action learn() {
        digest<learn_t>(1, {hdr.ethernet.src_addr, std.ingress_port});
    }
    action punt() {
        std.egress_spec = CPU_PORT;
    }

    table exact_table {
        key = { hdr.ethernet.dst_addr: exact @name("dst_addr"); }
        actions = { set_port_counted; learn; @defaultonly NoAction; }
        counters = exact_counter;
        support_timeout = true;
        default_action = NoAction();
        size = 65536;
    }
    table lpm_table {
        key = { hdr.ipv4.dst_addr: lpm @name("ipv4_dst"); }
        actions = { set_port; drop; NoAction; }
        default_action = NoAction();
        size = 1024;
    }
    table ternary_table {
        key = {
            hdr.ethernet.ether_type: ternary @name("ether_type");
            hdr.ipv4.src_addr: ternary @name("ipv4_src");
        }
        actions = { set_port_metered; punt; @tableonly drop; NoAction; }
        meters = ternary_meter;
        default_action = NoAction();
        size = 256;
    }
    table range_table {
        key = { std.ingress_port: range @name("ingress_port"); }
        actions = { set_port; NoAction; }
        default_action = NoAction();
        size = 64;
    }
    table optional_table {
        key = {
            std.ingress_port: exact @name("ingress_port");
            hdr.ethernet.src_addr: optional @name("src_addr");
        }
        actions = { set_port; NoAction; }
        default_action = NoAction();
        size = 64;
    }
    action_selector(HashAlgorithm.crc16, 128, 16) ecmp_selector;
    table ecmp_table {
        key = {
            hdr.ipv4.dst_addr: exact @name("ipv4_dst");
            hdr.ipv4.src_addr: selector;
            hdr.ipv4.protocol: selector;
        }
        actions = { set_port; drop; }
        implementation = ecmp_selector;
        size = 64;
    }

    apply {
        if (hdr.packet_out.isValid()) {
            std.egress_spec = hdr.packet_out.egress_port;
            hdr.packet_out.setInvalid();
            exit;
        }
        port_counter.count((bit<32>) std.ingress_port);
        port_meter.execute_meter((bit<32>) std.ingress_port, color);
        last_seen.write((bit<32>) std.ingress_port, (bit<32>) std.ingress_port);
        if (hdr.ethernet.ether_type == ETH_LLDP) {
            punt();
            exit;
        }
        exact_table.apply();
        lpm_table.apply();
        ternary_table.apply();
        range_table.apply();
        optional_table.apply();
        if (hdr.ipv4.isValid()) {
            ecmp_table.apply();
        }
    }
}

control TestEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t std) {
    apply {
        if (std.egress_port == CPU_PORT) {
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = std.ingress_port;
        }
    }
}

control TestComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control TestDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.packet_in);
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.ipv4);
    }
}

V1Switch(TestParser(), TestVerifyChecksum(), TestIngress(), TestEgress(),
         TestComputeChecksum(), TestDeparser()) main;
