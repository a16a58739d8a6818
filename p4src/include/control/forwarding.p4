// Per-slice forwarding. Every table is keyed by slice id first, so one slice's entries can
// never forward another slice's frames. L2 (destination MAC) first, then L3 (IPv4 or IPv6 LPM,
// with next-hop MAC rewrite and TTL or hop-limit decrement), then flooding within the slice.
// A routed frame whose TTL or hop limit is 1 or less is dropped and counted per slice, as a
// router drops it; such a frame that no route claims is still flooded in its slice (link-local
// protocols send with TTL 1).
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

    counter(SLICE_COUNT, CounterType.packets_and_bytes) ttl_expired;

    // BMv2 cannot branch inside actions: route says it routed, the apply block checks the TTL.
    bool routed = false;
    action route(port_t port, mac_t src_mac, mac_t dst_mac) {
        std.egress_spec = port;
        hdr.ethernet.src_addr = src_mac;
        hdr.ethernet.dst_addr = dst_mac;
        routed = true;
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
    table slice_fwd_l3_v6 {
        key = {
            meta.slice_id    : exact @name("slice_id");
            hdr.ipv6.dst_addr: lpm   @name("ipv6_dst");
        }
        actions = { route; drop; @defaultonly NoAction; }
        const default_action = NoAction();
        size = L3_V6_FWD_SIZE;
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
        routed = false;
        // One apply of slice_flood: BMv2 refuses a table with several successors.
        bool l3_hit = false;
        if (hdr.ipv4.isValid()) {
            if (slice_fwd_l3.apply().hit) {
                l3_hit = true;
            }
        } else if (hdr.ipv6.isValid()) {
            if (slice_fwd_l3_v6.apply().hit) {
                l3_hit = true;
            }
        }
        if (!l3_hit) {
            slice_flood.apply();
            return;
        }
        if (!routed) {
            return;
        }
        if (hdr.ipv4.isValid()) {
            if (hdr.ipv4.ttl <= 1) {
                meta.ttl_expired = true;
            } else {
                hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
            }
        } else {
            if (hdr.ipv6.hop_limit <= 1) {
                meta.ttl_expired = true;
            } else {
                hdr.ipv6.hop_limit = hdr.ipv6.hop_limit - 1;
            }
        }
        if (meta.ttl_expired) {
            mark_to_drop(std);
            ttl_expired.count((bit<32>) meta.slice_id);
        }
    }
}

#endif
