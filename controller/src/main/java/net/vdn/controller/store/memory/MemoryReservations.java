package net.vdn.controller.store.memory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.ReservationStore;

/** Reservations in memory, checked and changed under one lock. */
public final class MemoryReservations implements ReservationStore {
  /** Reservations on each link direction (by its source port), by slice. */
  private final Map<ConnectPoint, Map<String, Long>> byDirection = new HashMap<>();

  @Override
  public synchronized void reserve(
      String slice, Map<ConnectPoint, Long> wanted, ToLongFunction<ConnectPoint> capacity) {
    for (var e : wanted.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("a reservation cannot be negative: " + e);
      }
      long others = reserved(e.getKey()) - held(e.getKey(), slice);
      long left = capacity.applyAsLong(e.getKey()) - others;
      if (left < e.getValue()) {
        throw new AdmissionException(
            "the link direction from "
                + e.getKey()
                + " has "
                + left
                + " b/s left, slice "
                + slice
                + " needs "
                + e.getValue());
      }
    }
    release(slice);
    wanted.forEach(
        (port, bps) -> byDirection.computeIfAbsent(port, k -> new HashMap<>()).put(slice, bps));
  }

  private long held(ConnectPoint port, String slice) {
    return byDirection.getOrDefault(port, Map.of()).getOrDefault(slice, 0L);
  }

  @Override
  public synchronized void release(String slice) {
    byDirection.values().forEach(m -> m.remove(slice));
    byDirection.values().removeIf(Map::isEmpty);
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
  public synchronized Map<ConnectPoint, Long> heldBy(String slice) {
    Map<ConnectPoint, Long> out = new LinkedHashMap<>();
    byDirection.forEach(
        (port, m) -> {
          Long bps = m.get(slice);
          if (bps != null) {
            out.put(port, bps);
          }
        });
    return out;
  }

  @Override
  public synchronized Set<String> holders() {
    Set<String> out = new TreeSet<>();
    byDirection.values().forEach(m -> out.addAll(m.keySet()));
    return out;
  }
}
