package net.vdn.controller.federation;

import java.util.List;

/**
 * An inter-domain slice as the domain that received the request keeps it: what was asked, the VLAN
 * chosen on the inter-domain links, and each domain's segment.
 */
public record InterDomainSlice(InterDomainSpec spec, int vlan, List<Segment> segments) {
  public InterDomainSlice {
    segments = List.copyOf(segments);
  }

  public String name() {
    return spec.name();
  }
}
