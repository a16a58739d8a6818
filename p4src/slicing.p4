/*
 * VDN's slicing pipeline for v1model (BMv2, Stratum-bmv2, the VDN softswitch).
 *
 * A slice is an isolated, rate-limited network between a tenant's endpoints. Frames are
 * classified into a slice at the edge, forwarded by tables keyed by slice id, metered per slice,
 * and carried between switches with the slice id as their 802.1Q VLAN id.
 */
#include <core.p4>
#include <v1model.p4>

#include "include/size.p4"
#include "include/define.p4"
#include "include/header.p4"
#include "include/parser.p4"
#include "include/control/packetio.p4"
#include "include/control/classifier.p4"
#include "include/control/forwarding.p4"
#include "include/control/metering.p4"
#include "include/control/egress_tagging.p4"

control SliceIngress(inout headers_t hdr, inout local_metadata_t meta,
                     inout standard_metadata_t std) {
    PacketIoIngress() packet_io;
    Punt() punt;
    SliceClassifier() classifier;
    SliceForwarding() forwarding;
    SliceMetering() metering;

    apply {
        packet_io.apply(hdr, meta, std);
        punt.apply(hdr, meta, std);
        classifier.apply(hdr, meta, std);
        forwarding.apply(hdr, meta, std);
        metering.apply(hdr, meta, std);
    }
}

control SliceEgress(inout headers_t hdr, inout local_metadata_t meta,
                    inout standard_metadata_t std) {
    PacketIoEgress() packet_io;
    EgressTagging() tagging;

    apply {
        packet_io.apply(hdr, meta, std);
        tagging.apply(hdr, meta, std);
    }
}

V1Switch(SliceParser(), SliceVerifyChecksum(), SliceIngress(), SliceEgress(),
         SliceComputeChecksum(), SliceDeparser()) main;
