package net.vdn.controller.path;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.Link;

/**
 * What each link direction has promised: committed rates reserved per slice. The sum of a
 * direction's reservations never exceeds its capacity; a reservation is all of a path or nothing.
 */
public final class CapacityLedger {
  /** Reservations on one link direction, by slice. */
  private final Map<ConnectPoint, Map<String, Long>> reserved = new HashMap<>();

  /** Bits per second reserved on the direction leaving {@code src}. */
  public synchronized long reserved(ConnectPoint src) {
    return reserved.getOrDefault(src, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Capacity left on a link direction. */
  public synchronized long available(Link link) {
    return link.capacityBps() - reserved(link.src());
  }

  /**
   * Reserves {@code bps} for a slice on every link of a path, or nothing: throws {@link
   * AdmissionException} naming the first link without room.
   */
  public synchronized void reserve(String slice, Path path, long bps) {
    for (Link l : path.links()) {
      long already = reserved.getOrDefault(l.src(), Map.of()).getOrDefault(slice, 0L);
      if (available(l) + already < bps) {
        throw new AdmissionException(
            "link "
                + l
                + " has "
                + (available(l) + already)
                + " b/s left, slice "
                + slice
                + " needs "
                + bps);
      }
    }
    for (Link l : path.links()) {
      reserved.computeIfAbsent(l.src(), k -> new HashMap<>()).put(slice, bps);
    }
  }

  /** Releases everything a slice holds. */
  public synchronized void release(String slice) {
    for (Map<String, Long> perSlice : reserved.values()) {
      perSlice.remove(slice);
    }
  }

  /** The link directions a slice holds bandwidth on. */
  public synchronized List<ConnectPoint> heldBy(String slice) {
    return reserved.entrySet().stream()
        .filter(e -> e.getValue().containsKey(slice))
        .map(Map.Entry::getKey)
        .toList();
  }
}
