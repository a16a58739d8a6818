package net.vdn.controller.federation;

import java.util.List;

/**
 * What a domain shows its peers: its border points, the capacity left on each inter-domain link and
 * between each pair of border points, the VLANs free on each link, and the domains beyond its peers
 * that it can carry a slice to. Never its inside, nor its peers'.
 */
public record Advertisement(
    String domain, List<Border> borders, List<Between> between, List<Reach> reach) {
  public Advertisement {
    borders = List.copyOf(borders);
    between = List.copyOf(between);
    reach = reach == null ? List.of() : List.copyOf(reach);
  }

  /**
   * A domain this one can carry a slice to, through its peers.
   *
   * @param path the domains a slice crosses after the advertising one, the last being {@code
   *     domain}
   * @param bps the most a new slice could get on that way (the narrowest of the inter-domain links
   *     and of the advertising domain's inside between its two border points, as the domains on the
   *     way advertise them)
   */
  public record Reach(String domain, List<String> path, long bps) {
    public Reach {
      path = List.copyOf(path);
    }
  }

  /**
   * A border point: this domain's border port and who is on the other side.
   *
   * @param linkLeftBps what the inter-domain link has left for new slices
   * @param freeVlans the VLANs of the link's range that this domain can still use on it
   */
  public record Border(
      String device,
      int port,
      String peerDomain,
      String peerDevice,
      int peerPort,
      long linkLeftBps,
      List<Integer> freeVlans) {
    public Border {
      freeVlans = List.copyOf(freeVlans);
    }
  }

  /** The most a new slice could get between two border points (the widest path's bottleneck). */
  public record Between(String a, String b, long bps) {}
}
