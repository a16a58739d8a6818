package net.vdn.controller.slice.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.optical.OpticalService;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.Path;
import net.vdn.controller.path.PathService;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.slice.SliceStore;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.controller.topology.TopologyService;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the stored slices back after a controller restart: each on the paths reserved for it (their
 * links assumed present until discovery says otherwise), or on others when those no longer fit,
 * with its rules recorded as what its devices should hold and its counters' base reopened.
 */
final class SliceRestore {
  private static final Logger log = LoggerFactory.getLogger(SliceRestore.class);

  private final SliceStore store;
  private final TopologyService topology;
  private final PathService paths;
  private final SliceCompiler compiler;
  private final DeviceService devices;
  private final OpticalService optical;
  private final SliceCounting counting;

  SliceRestore(
      SliceStore store,
      TopologyService topology,
      PathService paths,
      SliceCompiler compiler,
      DeviceService devices,
      OpticalService optical,
      SliceCounting counting) {
    this.store = store;
    this.topology = topology;
    this.paths = paths;
    this.compiler = compiler;
    this.devices = devices;
    this.optical = optical;
    this.counting = counting;
  }

  /** Every stored slice, taken back; the devices are not touched yet. */
  List<SliceEntry> takeBack() {
    List<SliceEntry> out = new ArrayList<>();
    for (StoredSlice stored : store.all()) {
      SliceSpec spec = stored.spec();
      List<Path> held = stored.paths();
      held.forEach(p -> topology.assume(p.links()));
      try {
        paths.reserve(spec.name(), held, spec.cirBps(), SliceClaims.claims(spec, null));
      } catch (AdmissionException e) {
        log.warn(
            "slice {}: stored paths no longer fit ({}); finding others",
            spec.name(),
            e.getMessage());
        held =
            paths.admit(
                spec.name(),
                SliceClaims.devicesOf(spec),
                spec.cirBps(),
                SliceClaims.claims(spec, null));
      }
      Map<String, List<SliceRule>> rules = compiler.compile(spec, held);
      rules.forEach(
          (d, r) -> {
            try {
              devices.expect(d, r);
            } catch (RuntimeException e) {
              throw new IllegalStateException(
                  "stored slice " + spec.name() + " uses device " + d + ": " + e.getMessage(), e);
            }
          });
      if (spec.wavelength() != null) {
        optical.ensure(spec.sliceId(), spec.wavelength());
      }
      counting.open(spec.name(), stored.counterBase());
      out.add(SliceEntry.active(spec, held, rules));
    }
    return out;
  }
}
