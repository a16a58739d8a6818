package net.vdn.controller.federation;

import java.util.List;

/**
 * One domain's part of an inter-domain slice, as the domain that asked for it knows it.
 *
 * @param requestId the id of the reservation in that domain (every request about it carries it)
 * @param slice the local slice that carries the segment in that domain
 * @param endpoints the segment's ports in that domain (border ports tagged with the VLAN the frames
 *     carry on the inter-domain link)
 * @param vlan the segment's VLAN in that domain (its local slice's id); where it differs from a
 *     border port's VLAN, that domain translates between the two at the port
 * @param via the domain that asked for the segment: the requesting domain for its own segment and
 *     its peers', a transit domain for a segment beyond it (null in records kept before transit
 *     domains: the requesting domain)
 */
public record Segment(
    String domain,
    String requestId,
    String slice,
    List<DomainEndpoint> endpoints,
    SegmentState state,
    int vlan,
    String via) {
  public Segment {
    endpoints = List.copyOf(endpoints);
  }

  /** A segment asked for by the domain that keeps it. */
  public Segment(
      String domain,
      String requestId,
      String slice,
      List<DomainEndpoint> endpoints,
      SegmentState state,
      int vlan) {
    this(domain, requestId, slice, endpoints, state, vlan, null);
  }

  public Segment with(SegmentState s) {
    return new Segment(domain, requestId, slice, endpoints, s, vlan, via);
  }

  /** Whether {@code asker} asked for this segment itself (rather than a domain beyond it). */
  public boolean askedBy(String asker) {
    return via == null || via.equals(asker);
  }
}
