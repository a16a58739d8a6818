package net.vdn.controller.federation;

import java.util.List;

/**
 * What a domain shows its peers: its border points, the capacity left on each inter-domain link and
 * between each pair of border points, and the VLANs free on each link. Never its inside.
 */
public record Advertisement(String domain, List<Border> borders, List<Between> between) {
  public Advertisement {
    borders = List.copyOf(borders);
    between = List.copyOf(between);
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
