package net.vdn.pipeconf.rule;

import java.util.List;

/** What one switch must do for a slice. Slice ids are the VLAN ids that carry them: 1..4094. */
public sealed interface SliceRule {
  int MIN_SLICE = 1;
  int MAX_SLICE = 4094;

  /** The slice id, or {@link InvalidRuleException} when it is not a VLAN id a slice may use. */
  static int checkSliceId(int sliceId) {
    if (sliceId < MIN_SLICE || sliceId > MAX_SLICE) {
      throw new InvalidRuleException(
          "slice id "
              + sliceId
              + " is outside "
              + MIN_SLICE
              + ".."
              + MAX_SLICE
              + " (slices travel as VLAN ids)");
    }
    return sliceId;
  }

  /** A TCP or UDP port, or {@link InvalidRuleException} naming {@code what} it is. */
  static int checkL4Port(int port, String what) {
    if (port < 0 || port > 65535) {
      throw new InvalidRuleException(what + " " + port + " is outside 0..65535");
    }
    return port;
  }

  /**
   * Frames arriving on {@code port} that match the given fields belong to the slice. A null field
   * matches anything; {@code vlanId} null matches untagged frames only. Higher priority wins.
   */
  record Classify(
      int sliceId,
      int trafficClass,
      int port,
      Integer vlanId,
      Ipv4Prefix src,
      Ipv4Prefix dst,
      Integer ipProto,
      Integer l4SrcPort,
      Integer l4DstPort,
      int priority)
      implements SliceRule {

    /** Every untagged frame of an edge port. */
    public static Classify edge(int port, int sliceId) {
      return new Classify(sliceId, 0, port, null, null, null, null, null, null, 10);
    }

    /** Frames of a trunk port tagged with the slice's id. */
    public static Classify trunk(int port, int sliceId) {
      return new Classify(sliceId, 0, port, sliceId, null, null, null, null, null, 10);
    }
  }

  /** Frames of the slice leave {@code port} tagged with the slice id (trunk) or untagged (edge). */
  record Tag(int port, int sliceId, boolean tagged) implements SliceRule {}

  /**
   * An edge port where the slice is a customer VLAN: frames arriving on {@code port} tagged {@code
   * vlan} belong to the slice (their tag becomes the slice id inside the network), and the slice's
   * frames leave {@code port} tagged {@code vlan} again.
   */
  record CustomerVlan(int port, int vlan, int sliceId, int trafficClass) implements SliceRule {
    public CustomerVlan {
      if (vlan < 1 || vlan > 4094) {
        throw new InvalidRuleException("customer VLAN " + vlan + " is outside 1..4094");
      }
    }
  }

  /** Frames of the slice for this destination MAC leave on {@code port}. */
  record ForwardL2(int sliceId, String mac, int port) implements SliceRule {}

  /** IPv4 frames of the slice for this prefix leave on {@code port} with these MACs, TTL - 1. */
  record ForwardL3(int sliceId, Ipv4Prefix dst, int port, String srcMac, String dstMac)
      implements SliceRule {}

  /** The slice's rates in bytes per second and bursts in bytes (two-rate three-color). */
  record Meter(int sliceId, long cir, long cburst, long pir, long pburst) implements SliceRule {}

  /** Start the slice's ingress, egress and drop counters from zero. */
  record Count(int sliceId) implements SliceRule {}

  /** Broadcast and unknown destinations of the slice go out of every one of these ports. */
  record Flood(int sliceId, List<Integer> ports) implements SliceRule {
    public Flood {
      ports = List.copyOf(ports);
    }
  }

  /** Frames of this ether type go to the controller: taken out (punt) or copied (copy). */
  record Punt(int etherType, boolean copy) implements SliceRule {}
}
