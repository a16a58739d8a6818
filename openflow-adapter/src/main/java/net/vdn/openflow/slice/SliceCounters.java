package net.vdn.openflow.slice;

/**
 * A slice's traffic on one switch since its flows were written: frames classified into the slice
 * (packets, bytes), and those its meter dropped.
 */
public record SliceCounters(
    int sliceId, long packets, long bytes, long droppedPackets, long droppedBytes) {}
