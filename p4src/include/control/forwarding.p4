// Per-slice forwarding. Every table is keyed by slice id first, so one slice's entries can
// never forward another slice's frames. L2 (destination MAC) first, then L3 (IPv4 LPM, with
// next-hop MAC rewrite and TTL decrement), then flooding within the slice.
#ifndef VDN_FORWARDING_P4
#define VDN_FORWARDING_P4

control SliceForwarding(inout headers_t hdr, inout local_metadata_t meta,
                        inout standard_metadata_t std) {
    action fwd(port_t port) {
        std.egress_spec = port;
    }
    action drop() {
        mark_to_drop(std);
    }
    table slice_fwd_l2 {
        key = {
            meta.slice_id        : exact @name("slice_id");
            hdr.ethernet.dst_addr: exact @name("eth_dst");
        }
        actions = { fwd; drop; @defaultonly NoAction; }
        const default_action = NoAction();
        size = L2_FWD_SIZE;
    }

    action route(port_t port, mac_t src_mac, mac_t dst_mac) {
        std.egress_spec = port;
        hdr.ethernet.src_addr = src_mac;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
    }
    table slice_fwd_l3 {
        key = {
            meta.slice_id    : exact @name("slice_id");
            hdr.ipv4.dst_addr: lpm   @name("ipv4_dst");
        }
        actions = { route; drop; @defaultonly NoAction; }
        const default_action = NoAction();
        size = L3_FWD_SIZE;
    }

    // Broadcast and unknown destinations go to the slice's multicast group, whose replicas
    // are the slice's ports on this switch.
    action flood(bit<16> group) {
        std.mcast_grp = group;
        meta.flooded = true;
    }
    table slice_flood {
        key = { meta.slice_id: exact @name("slice_id"); }
        actions = { flood; @defaultonly drop; }
        const default_action = drop();
        size = FLOOD_SIZE;
    }

    apply {
        if (meta.skip_forwarding) {
            return;
        }
        if (slice_fwd_l2.apply().hit) {
            return;
        }
        if (hdr.ipv4.isValid() && hdr.ipv4.ttl > 1) {
            if (slice_fwd_l3.apply().hit) {
                return;
            }
        }
        slice_flood.apply();
    }
}

#endif
