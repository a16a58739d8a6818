package net.vdn.controller.slice.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.device.SliceDevice;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes slice rules to their devices, all at once, and takes every write back on a refusal. */
final class Programming {
  private static final Logger log = LoggerFactory.getLogger(Programming.class);
  private final DeviceService devices;
  private final ExecutorService writers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("slice-write-", 0).factory());

  Programming(DeviceService devices) {
    this.devices = devices;
  }

  /**
   * Moves devices from the old rules to the new ones — on each device removals first, then installs
   * — writing to all devices at once. If any device refuses, every device that was changed is moved
   * back and the first refusal is thrown.
   */
  void move(Map<String, List<SliceRule>> before, Map<String, List<SliceRule>> after) {
    Set<String> names = new java.util.TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    Map<String, SliceDevice> handles = new LinkedHashMap<>();
    for (String d : names) {
      handles.put(d, devices.programmable(d));
    }
    Map<String, java.util.concurrent.Future<?>> writes = new LinkedHashMap<>();
    Map<String, Runnable> undo = new java.util.concurrent.ConcurrentHashMap<>();
    for (String d : names) {
      SliceDevice device = handles.get(d);
      List<SliceRule> old = before.getOrDefault(d, List.of());
      List<SliceRule> now = after.getOrDefault(d, List.of());
      List<SliceRule> gone = old.stream().filter(r -> !now.contains(r)).toList();
      List<SliceRule> added = now.stream().filter(r -> !old.contains(r)).toList();
      writes.put(
          d,
          writers.submit(
              () -> {
                device.remove(gone);
                try {
                  device.install(added);
                } catch (RuntimeException e) {
                  device.install(gone);
                  throw e;
                }
                undo.put(
                    d,
                    () -> {
                      device.remove(added);
                      device.install(gone);
                    });
              }));
    }
    RuntimeException failure = null;
    for (var w : writes.entrySet()) {
      try {
        w.getValue().get();
      } catch (java.util.concurrent.ExecutionException e) {
        RuntimeException cause =
            e.getCause() instanceof RuntimeException r
                ? r
                : new IllegalStateException(e.getCause());
        log.warn("device {}: write failed: {}", w.getKey(), cause.getMessage());
        failure = failure == null ? cause : failure;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = failure == null ? new IllegalStateException("interrupted") : failure;
      }
    }
    if (failure != null) {
      undo.forEach(
          (d, u) -> {
            try {
              u.run();
            } catch (RuntimeException e) {
              log.warn("device {}: rollback failed: {}", d, e.getMessage());
            }
          });
      throw failure;
    }
  }
}
