package net.vdn.controller.federation;

import java.util.List;

/**
 * One domain's part of an inter-domain slice, as the requesting domain knows it.
 *
 * @param requestId the id of the reservation in that domain (every request about it carries it)
 * @param slice the local slice that carries the segment in that domain
 * @param endpoints the segment's ports in that domain (border ports tagged with the VLAN the frames
 *     carry on the inter-domain link)
 * @param vlan the segment's VLAN in that domain (its local slice's id); where it differs from a
 *     border port's VLAN, that domain translates between the two at the port
 */
public record Segment(
    String domain,
    String requestId,
    String slice,
    List<DomainEndpoint> endpoints,
    SegmentState state,
    int vlan) {
  public Segment {
    endpoints = List.copyOf(endpoints);
  }

  public Segment with(SegmentState s) {
    return new Segment(domain, requestId, slice, endpoints, s, vlan);
  }
}
