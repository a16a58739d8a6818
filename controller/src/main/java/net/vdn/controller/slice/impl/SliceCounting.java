package net.vdn.controller.slice.impl;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.slice.SliceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads slices' counters from their devices and keeps them cumulative ({@link CounterBook}). A
 * device that cannot be read now counts what it last counted.
 */
final class SliceCounting {
  private static final Logger log = LoggerFactory.getLogger(SliceCounting.class);
  private final DeviceService devices;
  private final CounterBook book = new CounterBook();

  SliceCounting(DeviceService devices) {
    this.devices = devices;
  }

  void open(String slice, SliceCounters base) {
    book.open(slice, base);
  }

  void close(String slice) {
    book.close(slice);
  }

  /** The slice left these devices; returns its counter base as it is now. */
  SliceCounters left(String slice, Collection<String> gone) {
    SliceCounters changed = book.left(slice, gone);
    return changed != null ? changed : book.base(slice);
  }

  SliceCounters base(String slice) {
    return book.base(slice);
  }

  /**
   * The slices' counters, each read on its devices (one device's cells once for all of them); a
   * slice whose base changed (a device lost its cells, or the slice left one) hands the new base to
   * {@code keep}.
   */
  Map<String, SliceCounters> counters(
      List<SliceEntry> slices, BiConsumer<String, SliceCounters> keep) {
    Map<String, SliceCounters> out = new LinkedHashMap<>();
    Map<String, CounterBook.Total> totals;
    if (slices.size() == 1) {
      SliceEntry e = slices.get(0);
      totals = Map.of(e.spec().name(), read(e.spec(), e.rules().keySet()));
    } else {
      totals = readAll(slices);
    }
    for (SliceEntry e : slices) {
      CounterBook.Total t = totals.get(e.spec().name());
      if (t.baseChanged()) {
        keep.accept(e.spec().name(), t.base());
      }
      out.put(e.spec().name(), t.counters());
    }
    return out;
  }

  /** One slice's total, reading its cells on each of its devices. */
  CounterBook.Total read(SliceSpec spec, Collection<String> on) {
    Map<String, SliceCounters> readings = new HashMap<>();
    for (String d : on) {
      try {
        readings.put(d, devices.programmable(d).counters(spec.sliceId()));
      } catch (RuntimeException e) {
        log.debug(
            "device {}: counters of slice {} unavailable: {}", d, spec.name(), e.getMessage());
      }
    }
    return book.account(spec.name(), on, readings, losses(on));
  }

  /** Every slice's total, reading each device once for all the slices on it. */
  Map<String, CounterBook.Total> readAll(List<SliceEntry> slices) {
    Map<String, Set<String>> devicesOf = new LinkedHashMap<>();
    Map<String, SliceSpec> specs = new LinkedHashMap<>();
    for (SliceEntry e : slices) {
      devicesOf.put(e.spec().name(), e.rules().keySet());
      specs.put(e.spec().name(), e.spec());
    }
    Map<String, Set<Integer>> idsByDevice = new LinkedHashMap<>();
    devicesOf.forEach(
        (slice, on) -> {
          for (String d : on) {
            idsByDevice.computeIfAbsent(d, k -> new HashSet<>()).add(specs.get(slice).sliceId());
          }
        });
    Map<String, Map<Integer, SliceCounters>> byDevice = new HashMap<>();
    idsByDevice.forEach(
        (d, ids) -> {
          try {
            byDevice.put(d, devices.programmable(d).counters(ids));
          } catch (RuntimeException e) {
            log.debug("device {}: counters unavailable: {}", d, e.getMessage());
          }
        });
    Map<String, Long> losses = losses(idsByDevice.keySet());
    Map<String, CounterBook.Total> out = new LinkedHashMap<>();
    devicesOf.forEach(
        (slice, on) -> {
          int id = specs.get(slice).sliceId();
          Map<String, SliceCounters> readings = new HashMap<>();
          for (String d : on) {
            Map<Integer, SliceCounters> cells = byDevice.get(d);
            if (cells != null) {
              readings.put(d, cells.getOrDefault(id, SliceCounters.ZERO));
            }
          }
          out.put(slice, book.account(slice, on, readings, losses));
        });
    return out;
  }

  private Map<String, Long> losses(Collection<String> on) {
    Map<String, Long> out = new HashMap<>();
    for (String d : on) {
      devices.device(d).map(Device::stateLosses).ifPresent(n -> out.put(d, n));
    }
    return out;
  }
}
