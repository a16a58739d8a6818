package net.vdn.controller.slice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import net.vdn.controller.device.DeviceUnavailableException;
import net.vdn.controller.device.DuplicateException;
import net.vdn.controller.device.NotFoundException;
import net.vdn.controller.device.Reconciler;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.CapacityLedger;
import net.vdn.controller.path.Path;
import net.vdn.controller.path.PathFinder;
import net.vdn.controller.store.SliceStore;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyGraph;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, modifies, deletes and re-routes slices: admission on the capacity ledger, a path from
 * the first endpoint to each other one, compilation, and programming of every device — all devices
 * or none. Every accepted change is in the store before the call returns. When a link fails, the
 * slices on it move to other paths, or are marked degraded with the reason when no path has the
 * capacity; degraded slices are tried again whenever a link appears.
 */
public final class SliceService {
  private static final Logger log = LoggerFactory.getLogger(SliceService.class);

  /** A slice in force. */
  public record Slice(
      SliceSpec spec, List<Path> paths, Map<String, List<SliceRule>> rules, String degraded) {}

  /** A slice's traffic, summed over its devices. */
  public record Stats(
      long ingressPackets,
      long ingressBytes,
      long egressPackets,
      long egressBytes,
      long droppedPackets,
      long droppedBytes) {
    static Stats of(long[] c) {
      return new Stats(c[0], c[1], c[2], c[3], c[4], c[5]);
    }
  }

  private final TopologyGraph graph;
  private final CapacityLedger ledger;
  private final PathFinder finder;
  private final DeviceDirectory devices;
  private final SliceCompiler compiler = new SliceCompiler();
  private final Map<String, Slice> slices = new LinkedHashMap<>();
  private final SliceStore store;
  private final Programming programming;
  private volatile LongConsumer programmingNanos = n -> {};
  private volatile net.vdn.controller.optical.OpticalService optical;

  /** A service that keeps slices in memory only. */
  public SliceService(
      TopologyGraph graph, CapacityLedger ledger, Map<String, DeviceHandle> devices) {
    this(graph, ledger, DeviceDirectory.of(devices), new MemoryStore());
  }

  public SliceService(
      TopologyGraph graph,
      CapacityLedger ledger,
      Map<String, DeviceHandle> devices,
      SliceStore store) {
    this(graph, ledger, DeviceDirectory.of(devices), store);
  }

  /** A service that writes every accepted slice to {@code store} before it returns. */
  public SliceService(
      TopologyGraph graph, CapacityLedger ledger, DeviceDirectory devices, SliceStore store) {
    this.graph = graph;
    this.ledger = ledger;
    this.finder = new PathFinder(graph, ledger);
    this.devices = devices;
    this.store = store;
    this.programming = new Programming(devices);
  }

  /** Slices that ask for a wavelength get it from this optical service. */
  public void useOptical(net.vdn.controller.optical.OpticalService optical) {
    this.optical = optical;
  }

  private net.vdn.controller.optical.OpticalService optical() {
    if (optical == null) {
      throw new net.vdn.controller.path.AdmissionException(
          "wavelength: this controller has no optical devices");
    }
    return optical;
  }

  private void releaseOptical(SliceSpec spec) {
    if (spec.wavelength() != null && spec.wavelength().frequencyMhz() != null) {
      try {
        optical().release(spec.sliceId(), spec.wavelength());
      } catch (RuntimeException e) {
        log.warn("slice {}: wavelength not released: {}", spec.name(), e.getMessage());
      }
    }
  }

  /** Receives how long each successful programming of a slice took (all devices acknowledged). */
  public void onProgrammed(LongConsumer nanos) {
    this.programmingNanos = nanos;
  }

  private static final class MemoryStore implements SliceStore {
    private final Map<String, StoredSlice> slices = new LinkedHashMap<>();

    @Override
    public void put(SliceSpec slice, List<Path> paths) {
      slices.put(slice.name(), new StoredSlice(slice, paths));
    }

    @Override
    public void remove(String name) {
      slices.remove(name);
    }

    @Override
    public List<StoredSlice> all() {
      return List.copyOf(slices.values());
    }
  }

  /**
   * After a controller restart: takes the stored slices back on the paths reserved for them (their
   * links are assumed present until discovery says otherwise), records their rules in the mirrors,
   * and brings every connected device to exactly its mirror, rewriting nothing that is already
   * right.
   */
  public synchronized Map<String, Reconciler.Report> restore() {
    for (SliceStore.StoredSlice stored : store.all()) {
      SliceSpec spec = stored.spec();
      List<Path> paths = stored.paths();
      for (Path p : paths) {
        for (Link l : p.links()) {
          if (graph.from(l.src()) == null) {
            graph.add(l);
          }
        }
      }
      try {
        for (Path p : paths) {
          ledger.reserve(spec.name(), p, spec.cirBps());
        }
      } catch (AdmissionException e) {
        ledger.release(spec.name());
        paths = admit(spec);
      }
      Map<String, List<SliceRule>> rules = compiler.compile(spec, paths);
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
        optical().ensure(spec.sliceId(), spec.wavelength());
      }
      slices.put(spec.name(), new Slice(spec, paths, rules, null));
    }
    Map<String, Reconciler.Report> reports = devices.reconcileAll();
    log.info("restored {} slices from the store", slices.size());
    return reports;
  }

  public synchronized Slice get(String name) {
    return slices.get(name);
  }

  public synchronized List<Slice> list() {
    return List.copyOf(slices.values());
  }

  /**
   * Admits and programs a slice; throws {@link AdmissionException} with the reason, changing
   * nothing. Asking again for a slice that exists exactly so returns it (retries are idempotent); a
   * different slice under the same name or id is refused with {@link DuplicateException}.
   */
  public synchronized Slice create(SliceSpec asked) {
    Slice same = slices.get(asked.name());
    if (same != null) {
      if (same.spec().satisfies(asked)) {
        return same;
      }
      throw new DuplicateException("slice '" + asked.name() + "' exists with other settings");
    }
    checkIdFree(asked, null);
    long begin = System.nanoTime();
    List<Path> paths = admit(asked);
    Map<String, List<SliceRule>> rules = compiler.compile(asked, paths);
    SliceSpec spec = asked;
    if (asked.wavelength() != null) {
      try {
        spec = asked.withWavelength(optical().provision(asked.sliceId(), asked.wavelength()));
      } catch (RuntimeException e) {
        ledger.release(asked.name());
        throw e;
      }
    }
    long start = System.nanoTime();
    try {
      program(Map.of(), rules);
    } catch (RuntimeException e) {
      releaseOptical(spec);
      ledger.release(spec.name());
      throw e;
    }
    long programmed = System.nanoTime();
    try {
      store.put(spec, paths);
    } catch (RuntimeException e) {
      program(rules, Map.of());
      releaseOptical(spec);
      ledger.release(spec.name());
      throw e;
    }
    programmingNanos.accept(System.nanoTime() - start);
    Slice slice = new Slice(spec, paths, rules, null);
    slices.put(spec.name(), slice);
    long end = System.nanoTime();
    log.info(
        "slice {} (id {}, tenant {}): installed on {} devices over {} paths in {} µs"
            + " (admission and compilation {} µs, programming {} µs, store {} µs)",
        spec.name(),
        spec.sliceId(),
        spec.tenant(),
        rules.size(),
        paths.size(),
        (end - begin) / 1000,
        (start - begin) / 1000,
        (programmed - start) / 1000,
        (end - programmed) / 1000);
    return slice;
  }

  /**
   * Changes a slice's rates, endpoints or class: admits the new spec (its old reservation counts as
   * free for it), moves the devices from the old rules to the new ones, and stores it. On any
   * refusal the slice stays exactly as it was.
   */
  public synchronized Slice modify(SliceSpec spec) {
    Slice old = slices.get(spec.name());
    if (old == null) {
      throw new NotFoundException("no slice '" + spec.name() + "'");
    }
    if (spec.wavelength() == null) {
      spec = spec.withWavelength(old.spec().wavelength());
    } else if (old.spec().wavelength() == null
        || !old.spec().wavelength().satisfies(spec.wavelength())) {
      throw new net.vdn.controller.device.ConfigException(
          "wavelength", "a slice's wavelength cannot be changed; delete the slice and create it");
    } else {
      spec = spec.withWavelength(old.spec().wavelength());
    }
    if (old.spec().equals(spec) && old.degraded() == null) {
      return old;
    }
    checkIdFree(spec, spec.name());
    ledger.release(spec.name());
    List<Path> paths;
    try {
      paths = admit(spec);
    } catch (AdmissionException e) {
      reReserve(old);
      throw e;
    }
    Map<String, List<SliceRule>> rules = compiler.compile(spec, paths);
    long start = System.nanoTime();
    try {
      program(old.rules(), rules);
    } catch (RuntimeException e) {
      ledger.release(spec.name());
      reReserve(old);
      throw e;
    }
    try {
      store.put(spec, paths);
    } catch (RuntimeException e) {
      program(rules, old.rules());
      ledger.release(spec.name());
      reReserve(old);
      throw e;
    }
    programmingNanos.accept(System.nanoTime() - start);
    Slice slice = new Slice(spec, paths, rules, null);
    slices.put(spec.name(), slice);
    log.info("slice {}: modified ({} devices, {} paths)", spec.name(), rules.size(), paths.size());
    return slice;
  }

  public synchronized void delete(String name) {
    Slice s = slices.get(name);
    if (s == null) {
      throw new NotFoundException("no slice '" + name + "'");
    }
    program(s.rules(), Map.of());
    store.remove(name);
    slices.remove(name);
    ledger.release(name);
    releaseOptical(s.spec());
    log.info("slice {}: deleted", name);
  }

  /** A slice's counters, read from every device it is on. */
  public Stats stats(String name) {
    Slice s = get(name);
    if (s == null) {
      throw new NotFoundException("no slice '" + name + "'");
    }
    long[] sum = new long[6];
    for (String d : s.rules().keySet()) {
      add(sum, devices.handle(d).counters(s.spec().sliceId()));
    }
    return Stats.of(sum);
  }

  /**
   * Every slice's counters, reading each device once for all the slices on it. A slice on a device
   * that cannot be read now is left out.
   */
  public Map<String, Stats> allStats() {
    Map<String, Set<Integer>> idsByDevice = new LinkedHashMap<>();
    List<Slice> all = list();
    for (Slice s : all) {
      for (String d : s.rules().keySet()) {
        idsByDevice.computeIfAbsent(d, k -> new HashSet<>()).add(s.spec().sliceId());
      }
    }
    Map<String, Map<Integer, long[]>> byDevice = new LinkedHashMap<>();
    idsByDevice.forEach(
        (d, ids) -> {
          try {
            byDevice.put(d, devices.handle(d).counters(ids));
          } catch (RuntimeException e) {
            log.debug("device {}: counters unavailable: {}", d, e.getMessage());
          }
        });
    Map<String, Stats> out = new LinkedHashMap<>();
    for (Slice s : all) {
      long[] sum = new long[6];
      boolean complete = true;
      for (String d : s.rules().keySet()) {
        Map<Integer, long[]> cells = byDevice.get(d);
        if (cells == null) {
          complete = false;
          break;
        }
        add(sum, cells.getOrDefault(s.spec().sliceId(), new long[6]));
      }
      if (complete) {
        out.put(s.spec().name(), Stats.of(sum));
      }
    }
    return out;
  }

  private static void add(long[] sum, long[] cells) {
    for (int k = 0; k < sum.length; k++) {
      sum[k] += cells[k];
    }
  }

  /** A link direction failed (both directions are removed); slices using it move or degrade. */
  public synchronized void linkDown(Link failed) {
    graph.remove(failed.src());
    graph.remove(failed.dst());
    for (Slice s : List.copyOf(slices.values())) {
      boolean affected =
          s.paths().stream()
              .flatMap(p -> p.links().stream())
              .anyMatch(l -> l.src().equals(failed.src()) || l.src().equals(failed.dst()));
      if (affected) {
        reroute(s, "link " + failed + " is down");
      }
    }
  }

  /** A link appeared: slices that are degraded try again to get a path. */
  public synchronized void retryDegraded() {
    for (Slice s : List.copyOf(slices.values())) {
      if (s.degraded() != null) {
        reroute(s, "retry");
      }
    }
  }

  private void reroute(Slice s, String why) {
    ledger.release(s.spec().name());
    try {
      List<Path> paths = admit(s.spec());
      Map<String, List<SliceRule>> rules = compiler.compile(s.spec(), paths);
      program(s.rules(), rules);
      store.put(s.spec(), paths);
      slices.put(s.spec().name(), new Slice(s.spec(), paths, rules, null));
      log.info("slice {}: re-routed ({})", s.spec().name(), why);
    } catch (AdmissionException | DeviceUnavailableException e) {
      ledger.release(s.spec().name());
      slices.put(s.spec().name(), new Slice(s.spec(), s.paths(), s.rules(), e.getMessage()));
      log.warn("slice {}: degraded ({}): {}", s.spec().name(), why, e.getMessage());
    }
  }

  private void reReserve(Slice old) {
    for (Path p : old.paths()) {
      ledger.reserve(old.spec().name(), p, old.spec().cirBps());
    }
  }

  private void checkIdFree(SliceSpec spec, String except) {
    for (Slice s : slices.values()) {
      if (s.spec().sliceId() == spec.sliceId() && !s.spec().name().equals(except)) {
        throw new DuplicateException(
            "sliceId: " + spec.sliceId() + " is used by slice '" + s.spec().name() + "'");
      }
    }
  }

  private List<Path> admit(SliceSpec spec) {
    String root = spec.endpoints().get(0).device();
    for (Endpoint e : spec.endpoints()) {
      if (!devices.knows(e.device())) {
        throw new NotFoundException("endpoints: no device '" + e.device() + "'");
      }
      if (graph.isLinkPort(new ConnectPoint(e.device(), e.port()))) {
        throw new AdmissionException(
            "endpoint " + e.device() + ":" + e.port() + " is a link port, not an edge port");
      }
    }
    List<Path> paths = new ArrayList<>();
    try {
      for (Endpoint e : spec.endpoints().subList(1, spec.endpoints().size())) {
        Path p = finder.find(root, e.device(), spec.cirBps(), Set.of());
        ledger.reserve(spec.name(), p, spec.cirBps());
        paths.add(p);
      }
    } catch (AdmissionException e) {
      ledger.release(spec.name());
      throw new AdmissionException("slice " + spec.name() + ": " + e.getMessage());
    }
    return paths;
  }

  private void program(Map<String, List<SliceRule>> before, Map<String, List<SliceRule>> after) {
    programming.move(before, after);
  }
}
