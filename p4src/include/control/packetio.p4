// Packet I/O with the controller: packet-out handling, punting and copying to the CPU port,
// and the packet-in header on the way out.
#ifndef VDN_PACKETIO_P4
#define VDN_PACKETIO_P4

control PacketIoIngress(inout headers_t hdr, inout local_metadata_t meta,
                        inout standard_metadata_t std) {
    apply {
        if (hdr.packet_out.isValid()) {
            if (hdr.packet_out.do_forwarding == 0) {
                std.egress_spec = hdr.packet_out.egress_port;
                meta.skip_forwarding = true;
            } else {
                meta.ingress_port = hdr.packet_out.egress_port;
            }
            hdr.packet_out.setInvalid();
        }
    }
}

// Which frames the controller sees: LLDP is punted (taken out of the data plane), ARP is copied
// (sent up and forwarded in its slice as well). Entries are the controller's.
control Punt(inout headers_t hdr, inout local_metadata_t meta, inout standard_metadata_t std) {
    action punt_to_cpu() {
        std.egress_spec = CPU_PORT;
        meta.skip_forwarding = true;
    }
    action copy_to_cpu() {
        clone_preserving_field_list(CloneType.I2E, CPU_CLONE_SESSION, 1);
    }
    table punt {
        key = {
            meta.ingress_port      : ternary @name("ingress_port");
            // The inner ether type, so tagged ARP from a trunk is seen too.
            meta.ether_type        : ternary @name("ether_type");
        }
        actions = { punt_to_cpu; copy_to_cpu; @defaultonly NoAction; }
        const default_action = NoAction();
        size = PUNT_SIZE;
    }
    apply {
        if (!meta.skip_forwarding) {
            punt.apply();
        }
    }
}

control PacketIoEgress(inout headers_t hdr, inout local_metadata_t meta,
                       inout standard_metadata_t std) {
    apply {
        if (std.egress_port == CPU_PORT) {
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = meta.ingress_port;
            exit;
        }
    }
}

#endif
