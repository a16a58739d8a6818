package net.vdn.controller.slice.impl;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import net.vdn.controller.device.SliceCounters;

/**
 * Keeps slices' counters cumulative. A device's counters for a slice start again from zero when the
 * device restarts (it lost its state: its state-loss count grew, or a count fell), and a device a
 * slice leaves takes its counts with it; in both cases what the device had counted is added to the
 * slice's base, which is kept with the slice. A slice's total is its base plus what its devices
 * count now (or last counted, when one cannot be read).
 */
final class CounterBook {
  /** One device's counters for a slice as last read, and its state losses then. */
  private record Reading(SliceCounters counters, long stateLosses) {}

  private static final class Entry {
    SliceCounters base;
    final Map<String, Reading> last = new HashMap<>();

    Entry(SliceCounters base) {
      this.base = base;
    }
  }

  /** A slice's total, and whether its base changed (then it must be stored). */
  record Total(SliceCounters counters, SliceCounters base, boolean baseChanged) {}

  private final Map<String, Entry> slices = new HashMap<>();

  /** Starts (or restarts, after a controller restart) a slice's book from its stored base. */
  synchronized void open(String slice, SliceCounters base) {
    slices.put(slice, new Entry(base));
  }

  synchronized void close(String slice) {
    slices.remove(slice);
  }

  /**
   * Takes what the slice's devices count now ({@code readings}, by device; {@code losses}, each
   * device's state-loss count) and gives the slice's total. Only {@code devices}, the ones the
   * slice is on now, are counted; a reading of a device it has left since is ignored.
   */
  synchronized Total account(
      String slice,
      Collection<String> devices,
      Map<String, SliceCounters> readings,
      Map<String, Long> losses) {
    Entry e = slices.computeIfAbsent(slice, k -> new Entry(SliceCounters.ZERO));
    boolean changed = false;
    SliceCounters sum = SliceCounters.ZERO;
    for (String d : devices) {
      SliceCounters now = readings.get(d);
      Reading before = e.last.get(d);
      if (now == null) {
        sum = sum.plus(before == null ? SliceCounters.ZERO : before.counters());
        continue;
      }
      long loss = losses.getOrDefault(d, 0L);
      if (before != null && (loss != before.stateLosses() || now.fellBelow(before.counters()))) {
        e.base = e.base.plus(before.counters());
        changed = true;
      }
      e.last.put(d, new Reading(now, loss));
      sum = sum.plus(now);
    }
    return new Total(e.base.plus(sum), e.base, changed);
  }

  /**
   * A slice leaves devices (re-route, modify): what they counted goes into its base. Returns the
   * base, or null when it did not change.
   */
  synchronized SliceCounters left(String slice, Collection<String> devices) {
    Entry e = slices.get(slice);
    if (e == null) {
      return null;
    }
    boolean changed = false;
    for (String d : devices) {
      Reading r = e.last.remove(d);
      if (r != null) {
        e.base = e.base.plus(r.counters());
        changed = true;
      }
    }
    return changed ? e.base : null;
  }

  synchronized SliceCounters base(String slice) {
    Entry e = slices.get(slice);
    return e == null ? SliceCounters.ZERO : e.base;
  }
}
