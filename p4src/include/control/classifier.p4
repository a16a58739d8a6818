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
    // Entries: priority decides between overlapping 5-tuple rules of one port.
    table slice_classifier {
        key = {
            meta.ingress_port  : exact   @name("ingress_port");
            hdr.vlan.isValid() : ternary @name("vlan_valid");
            hdr.vlan.vid       : ternary @name("vlan_id");
            hdr.ipv4.src_addr  : ternary @name("ipv4_src");
            hdr.ipv4.dst_addr  : ternary @name("ipv4_dst");
            hdr.ipv4.protocol  : ternary @name("ip_proto");
            meta.l4_sport      : ternary @name("l4_sport");
            meta.l4_dport      : ternary @name("l4_dport");
        }
        actions = { set_slice; @defaultonly drop_unclassified; }
        const default_action = drop_unclassified();
        size = CLASSIFIER_SIZE;
    }
    apply {
        if (!meta.skip_forwarding) {
            slice_classifier.apply();
        }
    }
}

#endif
