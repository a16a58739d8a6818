package net.vdn.controller.federation.impl;

import java.util.List;
import net.vdn.controller.federation.Segment;

/** The peering API's bodies, as JSON records. */
final class PeerMessages {
  private PeerMessages() {}

  /**
   * Reserve: admit a segment locally and hold it (capacity, VLAN) until commit, abort or timeout.
   *
   * @param id the reservation's id, chosen by the requester; asking again with it is a retry
   * @param origin the requesting domain (must be the authenticated peer)
   * @param name the inter-domain slice's name in the requesting domain
   * @param vlan the segment's VLAN in the receiving domain (its slice's id); also the VLAN on the
   *     link of a border point that names none. Only a domain's request to itself may leave it 0:
   *     its segment then takes the VLAN chosen on its first border link
   * @param beyond the slice's endpoints in domains beyond the receiving one ({@code
   *     domain:device:port[:vlan]}), which it reaches through its own peers as a transit domain
   * @param trail the domains the request has come through, the requesting domain first and the
   *     sender last; a transit domain never routes back through them
   */
  record Reserve(
      String id,
      String origin,
      String name,
      List<Point> endpoints,
      int vlan,
      long cirBps,
      long pirBps,
      int burstMs,
      int trafficClass,
      List<String> beyond,
      List<String> trail) {
    Reserve {
      endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
      beyond = beyond == null ? List.of() : List.copyOf(beyond);
      trail = trail == null ? List.of() : List.copyOf(trail);
    }
  }

  /**
   * A port of the segment: a border port, tagged with the VLAN the frames carry on the inter-domain
   * link (translated at the port when it is not the segment's), or a tenant's port (untagged, or
   * its customer VLAN).
   */
  record Point(String device, int port, boolean border, Integer vlan) {}

  /** Modify: new rates for a committed segment. */
  record Rates(long cirBps, long pirBps) {}

  /**
   * What a domain answers about a reservation.
   *
   * @param onward the segments beyond the answering domain that it asked for (a transit domain's),
   *     with their state
   */
  record Answer(
      String id, String state, int vlan, long expiresInMs, String slice, List<Segment> onward) {
    Answer {
      onward = onward == null ? List.of() : List.copyOf(onward);
    }
  }
}
