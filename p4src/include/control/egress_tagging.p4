// Egress: the slice's VLAN tag is pushed on trunk ports and popped on edge ports, per port and
// slice; on an edge port whose slice endpoint is a customer VLAN the tag is set to that VLAN.
// A (port, slice) pair without an entry is dropped and counted per slice, so no frame of a slice
// leaves on a port that does not belong to it. Flooded copies never go back out of their
// ingress port.
#ifndef VDN_EGRESS_TAGGING_P4
#define VDN_EGRESS_TAGGING_P4

control EgressTagging(inout headers_t hdr, inout local_metadata_t meta,
                      inout standard_metadata_t std) {
    counter(SLICE_COUNT, CounterType.packets_and_bytes) slice_egress;
    counter(SLICE_COUNT, CounterType.packets_and_bytes) isolation_drops;

    // BMv2 cannot branch inside actions, so the actions choose and the apply block acts.
    bool push = false;
    bool pop = false;
    vlan_id_t vid = 0;
    action push_tag() {
        push = true;
        vid = meta.slice_id;
    }
    action to_customer_vlan(vlan_id_t customer_vid) {
        push = true;
        vid = customer_vid;
    }
    action pop_tag() {
        pop = true;
    }
    action isolate() {
        mark_to_drop(std);
        isolation_drops.count((bit<32>) meta.slice_id);
    }
    table egress_vlan {
        key = {
            std.egress_port: exact @name("egress_port");
            meta.slice_id  : exact @name("slice_id");
        }
        actions = { push_tag; pop_tag; to_customer_vlan; @defaultonly isolate; }
        const default_action = isolate();
        size = EGRESS_VLAN_SIZE;
    }
    apply {
        if (meta.slice_id == NO_SLICE) {
            return;
        }
        if (meta.flooded && std.egress_port == meta.ingress_port) {
            mark_to_drop(std);
            return;
        }
        push = false;
        pop = false;
        if (!egress_vlan.apply().hit) {
            return;
        }
        slice_egress.count((bit<32>) meta.slice_id);
        if (push) {
            if (!hdr.vlan.isValid()) {
                hdr.vlan.setValid();
                hdr.vlan.ether_type = hdr.ethernet.ether_type;
                hdr.ethernet.ether_type = ETHERTYPE_VLAN;
            }
            hdr.vlan.vid = vid;
            hdr.vlan.pcp = meta.traffic_class;
            hdr.vlan.dei = (meta.color == COLOR_YELLOW) ? 1w1 : 1w0;
        } else if (pop && hdr.vlan.isValid()) {
            hdr.ethernet.ether_type = hdr.vlan.ether_type;
            hdr.vlan.setInvalid();
        }
    }
}

#endif
