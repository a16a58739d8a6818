/*
 * A v1model program that exercises the softswitch's less common features: a ternary table with a
 * direct meter, range and optional matches, an action selector, a header stack parsed through
 * its last element and popped, a crc32 hash, saturating addition, a packet meter, 128-bit
 * arithmetic, a digest, resubmit, recirculate, ingress and egress clones, multicast and truncate.
 * src/test/resources/programs/features.json is a hand-written BMv2 JSON of the same program.
 */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header tag_t {
    bit<16> id;
    bit<16> etherType;
}

struct headers_t {
    ethernet_t ethernet;
    tag_t[2]   tags;
}

struct metadata_t {
    bit<32>  hash;
    bit<8>   a;
    bit<8>   sat;
    bit<8>   color;
    bit<8>   acl_color;
    @field_list(2)
    bit<8>   mark;
    bit<128> wide;
}

struct learn_t {
    bit<48> srcAddr;
    bit<9>  ingress_port;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t std) {
    state start {
        pkt.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x8100: parse_tag;
            default: accept;
        }
    }
    state parse_tag {
        pkt.extract(hdr.tags.next);
        transition select(hdr.tags.last.etherType) {
            0x8100: parse_tag;
            default: accept;
        }
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t std) {
    register<bit<32>>(8) scratch;
    meter(16, MeterType.packets) port_meter;
    direct_meter<bit<8>>(MeterType.bytes) acl_meter;
    action_selector(HashAlgorithm.crc16, 16, 16) ecmp_selector;

    action acl_set_port(bit<9> port) {
        std.egress_spec = port;
        acl_meter.read(meta.acl_color);
    }
    action acl_drop() {
        mark_to_drop(std);
        acl_meter.read(meta.acl_color);
    }
    action set_port(bit<9> port) {
        std.egress_spec = port;
    }
    action learn() {
        digest<learn_t>(1, { hdr.ethernet.srcAddr, std.ingress_port });
    }
    action clone_it() {
        clone(CloneType.I2E, 5);
    }
    action pop_tag(bit<9> port) {
        hdr.tags.pop_front(1);
        std.egress_spec = port;
    }
    action resubmit_it() {
        meta.mark = 42;
        resubmit_preserving_field_list(2);
    }
    action set_mcast(bit<16> grp) {
        std.mcast_grp = grp;
    }

    table acl {
        key = {
            hdr.ethernet.etherType: ternary;
            hdr.ethernet.srcAddr: ternary;
        }
        actions = { acl_set_port; acl_drop; NoAction; }
        meters = acl_meter;
        size = 64;
        default_action = NoAction();
    }
    table port_range {
        key = { std.ingress_port: range; }
        actions = { set_port; NoAction; }
        size = 64;
        default_action = NoAction();
    }
    table opt {
        key = {
            std.ingress_port: exact;
            hdr.ethernet.dstAddr: optional;
        }
        actions = { set_port; learn; clone_it; pop_tag; resubmit_it; set_mcast; NoAction; }
        size = 64;
        default_action = NoAction();
    }
    table ecmp {
        key = {
            hdr.ethernet.etherType: exact;
            hdr.ethernet.srcAddr: selector;
            hdr.ethernet.dstAddr: selector;
        }
        actions = { set_port; NoAction; }
        implementation = ecmp_selector;
        size = 64;
    }

    apply {
        hash(meta.hash, HashAlgorithm.crc32, 32w0,
             { hdr.ethernet.dstAddr, hdr.ethernet.srcAddr }, 64w4294967296);
        scratch.write(0, meta.hash);
        meta.a = (bit<8>) hdr.ethernet.srcAddr;
        meta.sat = meta.a |+| 200;
        scratch.write(1, (bit<32>) meta.sat);
        port_meter.execute_meter((bit<32>) std.ingress_port, meta.color);
        scratch.write(2, (bit<32>) meta.color);
        meta.wide = ((bit<128>) hdr.ethernet.dstAddr) << 80;
        scratch.write(3, (bit<32>) (meta.wide >> 96));
        scratch.write(4, meta.wide > (bit<128>) hdr.ethernet.dstAddr ? 32w1 : 32w0);
        scratch.write(5, (bit<32>) meta.mark);
        acl.apply();
        if (meta.acl_color == 2) {
            mark_to_drop(std);
        } else {
            port_range.apply();
            if (std.instance_type == 0) {
                opt.apply();
            }
            ecmp.apply();
        }
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t std) {
    action clone_e2e() {
        clone(CloneType.E2E, 6);
    }
    action recirc() {
        recirculate_preserving_field_list(2);
        meta.mark = 7;
    }
    action trunc(bit<32> len) {
        truncate(len);
    }
    action drop() {
        mark_to_drop(std);
    }
    action tag_rid() {
        hdr.ethernet.srcAddr = (bit<48>) std.egress_rid;
    }

    table by_port {
        key = { std.egress_port: exact; }
        actions = { clone_e2e; recirc; trunc; drop; tag_rid; NoAction; }
        size = 64;
        default_action = NoAction();
    }

    apply {
        if ((std.instance_type == 0 || std.instance_type == 5) && meta.mark == 0) {
            by_port.apply();
        }
    }
}

control MyComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.tags);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
