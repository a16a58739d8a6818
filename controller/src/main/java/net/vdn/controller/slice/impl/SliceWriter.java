package net.vdn.controller.slice.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.controller.slice.spi.Masters;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a slice's devices from one version to another, all or none, wherever they are mastered:
 * this controller's devices through {@link Programming}, the others' through their masters ({@link
 * Masters}), both at once. Returns each device's mastership term, the fence the store checks when
 * the slice is written. A single controller programs everything itself, exactly as {@link
 * Programming} does.
 */
final class SliceWriter {
  private static final Logger log = LoggerFactory.getLogger(SliceWriter.class);

  /** How long a device this controller has just become master of may take to be ready. */
  private static final long READY_WAIT_NANOS = 2_000_000_000L;

  private final Programming programming;
  private final Masters masters;
  private final DeviceService devices;

  SliceWriter(Programming programming, Masters masters, DeviceService devices) {
    this.programming = programming;
    this.masters = masters;
    this.devices = devices;
  }

  /** Waits a while for devices this controller masters to be reconciled and writable. */
  private void awaitReady(Set<String> local) {
    long deadline = System.nanoTime() + READY_WAIT_NANOS;
    for (String d : local) {
      while (System.nanoTime() < deadline
          && !devices.device(d).map(x -> x.available()).orElse(false)) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * A move made ready: where each device is programmed from, and the request to the other masters,
   * which can go with the slice's admission ({@link #admitting}) before the move is made.
   */
  final class Move {
    private final String slice;
    private final StoredSlice before;
    private final StoredSlice after;
    private final Map<String, List<SliceRule>> oldRules;
    private final Map<String, List<SliceRule>> newRules;
    private final Map<String, Long> terms = new LinkedHashMap<>();
    private final Map<String, Masters.Placement> remote = new LinkedHashMap<>();
    private final Set<String> local = new TreeSet<>();
    private final Masters.Asking asking;

    private Move(
        String slice,
        StoredSlice before,
        Map<String, List<SliceRule>> oldRules,
        StoredSlice after,
        Map<String, List<SliceRule>> newRules) {
      this.slice = slice;
      this.before = before;
      this.after = after;
      this.oldRules = oldRules;
      this.newRules = newRules;
      if (!masters.clustered()) {
        asking = null;
        return;
      }
      Set<String> all = new TreeSet<>(oldRules.keySet());
      all.addAll(newRules.keySet());
      masters
          .place(all)
          .forEach(
              (d, p) -> {
                terms.put(d, p.term());
                if (p.local()) {
                  local.add(d);
                } else {
                  remote.put(d, p);
                }
              });
      asking = remote.isEmpty() ? null : masters.ask(slice, before, after, remote);
    }

    /**
     * Runs the slice's admission, the request to the other masters going with it where the store
     * can take it; if the admission fails, the request is forgotten.
     */
    <T> T admitting(java.util.function.Supplier<T> admission) {
      if (asking == null) {
        return admission.get();
      }
      try {
        return asking.admitting(admission);
      } catch (RuntimeException e) {
        asking.drop();
        throw e;
      }
    }
  }

  /** Makes a move ready (see {@link Move}); {@link #move(Move)} makes it. */
  Move prepare(
      String slice,
      StoredSlice before,
      Map<String, List<SliceRule>> oldRules,
      StoredSlice after,
      Map<String, List<SliceRule>> newRules) {
    return new Move(slice, before, oldRules, after, newRules);
  }

  /**
   * Moves every device of either version; if any device refuses, every device that changed is moved
   * back and the first refusal is thrown.
   */
  Map<String, Long> move(
      String slice,
      StoredSlice before,
      Map<String, List<SliceRule>> oldRules,
      StoredSlice after,
      Map<String, List<SliceRule>> newRules) {
    return move(prepare(slice, before, oldRules, after, newRules));
  }

  /** Makes a move made ready, as {@link #move(String, StoredSlice, Map, StoredSlice, Map)}. */
  Map<String, Long> move(Move m) {
    if (!masters.clustered()) {
      programming.move(m.oldRules, m.newRules);
      return Map.of();
    }
    Set<String> local = m.local;
    awaitReady(local);
    Map<String, List<SliceRule>> oldLocal = only(m.oldRules, local);
    Map<String, List<SliceRule>> newLocal = only(m.newRules, local);
    CompletableFuture<Void> here =
        local.isEmpty()
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.runAsync(() -> programming.move(oldLocal, newLocal));
    Map<String, RuntimeException> refused = m.asking == null ? Map.of() : m.asking.answers();
    RuntimeException localFailure = null;
    try {
      here.join();
    } catch (CompletionException e) {
      localFailure =
          e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    if (localFailure == null && refused.isEmpty()) {
      return m.terms;
    }
    if (localFailure == null && !local.isEmpty()) {
      undoLocal(newLocal, oldLocal);
    }
    // Taken back: every device that was changed, and every device whose master could not say
    // (unavailable: no answer in time, gone, its connection lost mid-write), since its write may
    // have landed. Taking back what is not there is harmless; a device that refused the write
    // itself kept nothing of it.
    Map<String, Masters.Placement> changed = new LinkedHashMap<>(m.remote);
    refused.forEach(
        (d, e) -> {
          if (!(e instanceof net.vdn.controller.error.DeviceUnavailableException)) {
            changed.remove(d);
          }
        });
    if (!changed.isEmpty()) {
      masters
          .program(m.slice, m.after, m.before, changed)
          .forEach(
              (d, e) -> {
                if (refused.containsKey(d)) {
                  log.debug(
                      "device {}: not taken back (not known to be changed): {}", d, e.getMessage());
                } else {
                  log.warn("device {}: not taken back: {}", d, e.getMessage());
                }
              });
    }
    throw localFailure != null ? localFailure : refused.values().iterator().next();
  }

  /** Takes a move back (the store refused to keep it); what cannot be taken back is logged. */
  void undo(
      String slice,
      StoredSlice before,
      Map<String, List<SliceRule>> oldRules,
      StoredSlice after,
      Map<String, List<SliceRule>> newRules) {
    try {
      move(slice, after, newRules, before, oldRules);
    } catch (RuntimeException e) {
      log.warn("slice {}: not every device taken back: {}", slice, e.getMessage());
    }
  }

  private void undoLocal(Map<String, List<SliceRule>> from, Map<String, List<SliceRule>> to) {
    try {
      programming.move(from, to);
    } catch (RuntimeException e) {
      log.warn("devices {}: not taken back: {}", from.keySet(), e.getMessage());
    }
  }

  private static Map<String, List<SliceRule>> only(
      Map<String, List<SliceRule>> rules, Set<String> devices) {
    Map<String, List<SliceRule>> out = new LinkedHashMap<>();
    rules.forEach(
        (d, r) -> {
          if (devices.contains(d)) {
            out.put(d, r);
          }
        });
    return out;
  }
}
