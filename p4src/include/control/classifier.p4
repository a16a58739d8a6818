// Slice classification: which slice (and traffic class) a frame belongs to. On edge ports the
// key is the port and the frame's own fields; on trunk ports it is the port and the VLAN id,
// which carries the slice between switches. A frame no entry claims is dropped.
#ifndef VDN_CLASSIFIER_P4
#define VDN_CLASSIFIER_P4

control SliceClassifier(inout headers_t hdr, inout local_metadata_t meta,
                        inout standard_metadata_t std) {
    counter(SLICE_COUNT, CounterType.packets_and_bytes) unclassified;

    action set_slice(slice_id_t slice_id, traffic_class_t tc) {
        meta.slice_id = slice_id;
        meta.traffic_class = tc;
    }
    action drop_unclassified() {
        mark_to_drop(std);
        meta.skip_forwarding = true;
        unclassified.count((bit<32>) meta.ingress_port);
    }
    // A slice endpoint named by edge port and customer VLAN: the frame joins the slice and its
    // tag is translated to the slice's VLAN (egress_vlan's to_customer_vlan translates back).
    action from_customer_vlan(slice_id_t slice_id, traffic_class_t tc) {
        meta.slice_id = slice_id;
        meta.traffic_class = tc;
        hdr.vlan.vid = slice_id;
    }
    table customer_vlan {
        key = {
            meta.ingress_port: exact @name("ingress_port");
            hdr.vlan.vid     : exact @name("vlan_id");
        }
        actions = { from_customer_vlan; @defaultonly NoAction; }
        const default_action = NoAction();
        size = CUSTOMER_VLAN_SIZE;
    }
    // Entries: priority decides between overlapping 5-tuple rules of one port. ip_proto is
    // IPv4's protocol or IPv6's next header; an entry on ipv4_* or ipv6_* fields also sets the
    // matching ipv4_valid or ipv6_valid bit, since a missing header's fields have no defined value.
    table slice_classifier {
        key = {
            meta.ingress_port  : exact   @name("ingress_port");
            hdr.vlan.isValid() : ternary @name("vlan_valid");
            hdr.vlan.vid       : ternary @name("vlan_id");
            hdr.ipv4.src_addr  : ternary @name("ipv4_src");
            hdr.ipv4.dst_addr  : ternary @name("ipv4_dst");
            meta.ip_proto      : ternary @name("ip_proto");
            meta.l4_sport      : ternary @name("l4_sport");
            meta.l4_dport      : ternary @name("l4_dport");
            hdr.ipv4.isValid() : ternary @name("ipv4_valid");
            hdr.ipv6.isValid() : ternary @name("ipv6_valid");
            hdr.ipv6.src_addr  : ternary @name("ipv6_src");
            hdr.ipv6.dst_addr  : ternary @name("ipv6_dst");
        }
        actions = { set_slice; @defaultonly drop_unclassified; }
        const default_action = drop_unclassified();
        size = CLASSIFIER_SIZE;
    }
    apply {
        if (meta.skip_forwarding) {
            return;
        }
        if (hdr.vlan.isValid()) {
            if (customer_vlan.apply().hit) {
                return;
            }
        }
        slice_classifier.apply();
    }
}

#endif
