package net.vdn.controller.device;

/**
 * A slice's traffic: what entered it at its edges (ingress), what left it (egress), and what its
 * meter dropped, in packets and bytes.
 */
public record SliceCounters(
    long ingressPackets,
    long ingressBytes,
    long egressPackets,
    long egressBytes,
    long droppedPackets,
    long droppedBytes) {
  public static final SliceCounters ZERO = new SliceCounters(0, 0, 0, 0, 0, 0);

  public SliceCounters plus(SliceCounters o) {
    return new SliceCounters(
        ingressPackets + o.ingressPackets,
        ingressBytes + o.ingressBytes,
        egressPackets + o.egressPackets,
        egressBytes + o.egressBytes,
        droppedPackets + o.droppedPackets,
        droppedBytes + o.droppedBytes);
  }

  /** Whether any count is below the same count in {@code earlier}: they started again. */
  public boolean fellBelow(SliceCounters earlier) {
    return ingressPackets < earlier.ingressPackets
        || ingressBytes < earlier.ingressBytes
        || egressPackets < earlier.egressPackets
        || egressBytes < earlier.egressBytes
        || droppedPackets < earlier.droppedPackets
        || droppedBytes < earlier.droppedBytes;
  }
}
