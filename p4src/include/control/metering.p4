// Per-slice rate enforcement: a two-rate three-color meter per slice (CIR/PIR set by the
// controller, in bytes per second); red frames are dropped, yellow ones leave marked drop
// eligible. Per-slice ingress and drop counters.
#ifndef VDN_METERING_P4
#define VDN_METERING_P4

control SliceMetering(inout headers_t hdr, inout local_metadata_t meta,
                      inout standard_metadata_t std) {
    meter(SLICE_COUNT, MeterType.bytes) slice_meter;
    counter(SLICE_COUNT, CounterType.packets_and_bytes) slice_ingress;
    counter(SLICE_COUNT, CounterType.packets_and_bytes) slice_drops;

    apply {
        if (meta.skip_forwarding || meta.slice_id == NO_SLICE) {
            return;
        }
        slice_ingress.count((bit<32>) meta.slice_id);
        if (meta.ttl_expired) {
            return; // dropped and counted by forwarding; takes nothing from the slice's rate
        }
        slice_meter.execute_meter((bit<32>) meta.slice_id, meta.color);
        if (meta.color == COLOR_RED) {
            mark_to_drop(std);
            slice_drops.count((bit<32>) meta.slice_id);
        }
    }
}

#endif
