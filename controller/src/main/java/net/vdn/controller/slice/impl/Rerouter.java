package net.vdn.controller.slice.impl;

import java.util.List;
import java.util.Map;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.Path;
import net.vdn.controller.path.PathService;
import net.vdn.controller.slice.SliceEvent;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.slice.SliceStore;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a slice whose path failed (or that is degraded) to the paths that have its capacity now:
 * admitted, programmed (all devices or none) and stored; when there are none, or a device on them
 * cannot be programmed, the slice is degraded with the reason and holds no reservation. Called
 * under the slice service's lock.
 */
final class Rerouter {
  private static final Logger log = LoggerFactory.getLogger(Rerouter.class);
  private final PathService paths;
  private final SliceCompiler compiler;
  private final SliceWriter writer;
  private final SliceCounting counting;
  private final SliceStore store;
  private final SliceEvents events;

  Rerouter(
      PathService paths,
      SliceCompiler compiler,
      SliceWriter writer,
      SliceCounting counting,
      SliceStore store,
      SliceEvents events) {
    this.paths = paths;
    this.compiler = compiler;
    this.writer = writer;
    this.counting = counting;
    this.store = store;
    this.events = events;
  }

  /** The slice as it is after trying to move it. */
  SliceEntry reroute(SliceEntry old, String why) {
    SliceSpec spec = old.spec();
    try {
      List<Path> held =
          paths.admit(
              spec.name(),
              SliceClaims.devicesOf(spec),
              spec.cirBps(),
              SliceClaims.claims(spec, SliceClaims.holding(old)));
      Map<String, List<SliceRule>> rules = compiler.compile(spec, held);
      long start = System.nanoTime();
      StoredSlice before = new StoredSlice(spec, old.slice().paths(), null);
      StoredSlice after = new StoredSlice(spec, held, null);
      Map<String, Long> terms = writer.move(spec.name(), before, old.rules(), after, rules);
      long programmed = System.nanoTime();
      SliceCounters base = counting.left(spec.name(), SliceClaims.gone(old.rules(), rules));
      try {
        store.put(new StoredSlice(spec, held, base), terms);
      } catch (RuntimeException e) {
        writer.undo(spec.name(), before, old.rules(), after, rules);
        throw e;
      }
      log.info("slice {}: re-routed ({})", spec.name(), why);
      events.fire(SliceEvent.Type.REROUTED, spec.name(), why, programmed - start);
      return SliceEntry.active(spec, held, rules);
    } catch (AdmissionException | DeviceUnavailableException e) {
      // Degraded: no rate held, but its slice id and edge ports stay its own.
      paths.reserve(spec.name(), List.of(), spec.cirBps(), SliceClaims.claims(spec, null));
      log.warn("slice {}: degraded ({}): {}", spec.name(), why, e.getMessage());
      events.fire(SliceEvent.Type.DEGRADED, spec.name(), e.getMessage(), 0);
      return old.degraded(e.getMessage());
    }
  }
}
