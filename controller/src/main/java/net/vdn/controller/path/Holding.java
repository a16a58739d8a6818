package net.vdn.controller.path;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.topology.Link;

/**
 * Everything a slice holds that no other slice may take: rate on link directions (b/s by the
 * direction's source port), its slice id (0 for none) and its edge ports.
 */
public record Holding(Map<ConnectPoint, Long> rates, int sliceId, List<EdgeClaim> edges) {
  private static final Comparator<ConnectPoint> BY_PORT =
      Comparator.comparing(ConnectPoint::device).thenComparingInt(ConnectPoint::port);

  /** What a slice that holds nothing holds. */
  public static final Holding NONE = new Holding(Map.of(), 0, List.of());

  public Holding {
    Map<ConnectPoint, Long> sorted = new TreeMap<>(BY_PORT);
    sorted.putAll(rates);
    rates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    edges =
        edges.stream()
            .sorted(
                Comparator.comparing(EdgeClaim::port, BY_PORT)
                    .thenComparing(e -> String.valueOf(e.srcPrefix()))
                    .thenComparing(e -> String.valueOf(e.vlan())))
            .toList();
    if (sliceId < 0) {
      throw new IllegalArgumentException("sliceId: " + sliceId + " is negative");
    }
  }

  /** Rate only: what the plain reservation of {@link ReservationStore#reserve} holds. */
  public static Holding rates(Map<ConnectPoint, Long> rates) {
    return new Holding(rates, 0, List.of());
  }

  /**
   * What a slice holds on these paths at this rate: both directions of every link, with its id and
   * edge ports.
   */
  public static Holding of(List<Path> paths, long bps, int sliceId, List<EdgeClaim> edges) {
    Map<ConnectPoint, Long> rates = new LinkedHashMap<>();
    for (Path p : paths) {
      for (Link l : p.links()) {
        rates.put(l.src(), bps);
        rates.put(l.dst(), bps);
      }
    }
    return new Holding(rates, sliceId, edges);
  }

  public boolean isEmpty() {
    return rates.isEmpty() && sliceId == 0 && edges.isEmpty();
  }
}
