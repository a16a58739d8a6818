package net.vdn.controller.store.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.path.EdgeClaim;
import net.vdn.controller.path.Holding;
import net.vdn.controller.path.ReservationStore;
import net.vdn.controller.store.Admissions;

/**
 * Reservations, slice ids and edge ports in memory, checked and changed under one lock: one
 * controller's admissions are atomic because they are serialised here.
 */
public final class MemoryReservations implements ReservationStore, Admissions.State {
  private final Map<String, Holding> holdings = new HashMap<>();

  /** Reservations on each link direction (by its source port), by slice. */
  private final Map<ConnectPoint, Map<String, Long>> byDirection = new HashMap<>();

  private final Map<Integer, String> ids = new HashMap<>();
  private final Map<ConnectPoint, Map<String, List<EdgeClaim>>> edges = new HashMap<>();

  @Override
  public synchronized void admit(
      String slice, Holding expected, Holding wanted, ToLongFunction<ConnectPoint> capacity) {
    Admissions.check(slice, expected, wanted, capacity, this);
    release(slice);
    if (wanted.isEmpty()) {
      return;
    }
    holdings.put(slice, wanted);
    wanted
        .rates()
        .forEach(
            (port, bps) -> byDirection.computeIfAbsent(port, k -> new HashMap<>()).put(slice, bps));
    if (wanted.sliceId() != 0) {
      ids.put(wanted.sliceId(), slice);
    }
    for (EdgeClaim e : wanted.edges()) {
      edges
          .computeIfAbsent(e.port(), k -> new HashMap<>())
          .computeIfAbsent(slice, k -> new ArrayList<>())
          .add(e);
    }
  }

  @Override
  public synchronized void release(String slice) {
    Holding h = holdings.remove(slice);
    if (h == null) {
      return;
    }
    for (ConnectPoint port : h.rates().keySet()) {
      Map<String, Long> m = byDirection.get(port);
      m.remove(slice);
      if (m.isEmpty()) {
        byDirection.remove(port);
      }
    }
    ids.remove(h.sliceId(), slice);
    for (EdgeClaim e : h.edges()) {
      Map<String, List<EdgeClaim>> m = edges.get(e.port());
      if (m != null) {
        m.remove(slice);
        if (m.isEmpty()) {
          edges.remove(e.port());
        }
      }
    }
  }

  @Override
  public synchronized long reserved(ConnectPoint source) {
    long sum = 0;
    for (long bps : byDirection.getOrDefault(source, Map.of()).values()) {
      sum += bps;
    }
    return sum;
  }

  @Override
  public synchronized Holding held(String slice) {
    return holdings.getOrDefault(slice, Holding.NONE);
  }

  @Override
  public synchronized String idHolder(int sliceId) {
    return ids.get(sliceId);
  }

  @Override
  public synchronized Map<String, List<EdgeClaim>> claimsOn(ConnectPoint port) {
    return Map.copyOf(edges.getOrDefault(port, Map.of()));
  }

  @Override
  public synchronized Set<String> holders() {
    return new TreeSet<>(holdings.keySet());
  }
}
