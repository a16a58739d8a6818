package net.vdn.controller.slice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.CapacityLedger;
import net.vdn.controller.path.Path;
import net.vdn.controller.path.PathFinder;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyGraph;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, deletes and re-routes slices: admission on the capacity ledger, a path from the first
 * endpoint to each other one, compilation, and programming of every device — all devices or none.
 * When a link fails, the slices on it move to other paths, or are marked degraded with the reason
 * when no path has the capacity.
 */
public final class SliceService {
  private static final Logger log = LoggerFactory.getLogger(SliceService.class);

  /** A slice in force. */
  public record Slice(
      SliceSpec spec, List<Path> paths, Map<String, List<SliceRule>> rules, String degraded) {}

  private final TopologyGraph graph;
  private final CapacityLedger ledger;
  private final PathFinder finder;
  private final Map<String, DeviceHandle> devices;
  private final SliceCompiler compiler = new SliceCompiler();
  private final Map<String, Slice> slices = new LinkedHashMap<>();
  private final net.vdn.controller.store.SliceStore store;

  /** A service that keeps slices in memory only. */
  public SliceService(
      TopologyGraph graph, CapacityLedger ledger, Map<String, DeviceHandle> devices) {
    this(graph, ledger, devices, new MemoryStore());
  }

  /** A service that writes every accepted slice to {@code store} before it returns. */
  public SliceService(
      TopologyGraph graph,
      CapacityLedger ledger,
      Map<String, DeviceHandle> devices,
      net.vdn.controller.store.SliceStore store) {
    this.graph = graph;
    this.ledger = ledger;
    this.finder = new PathFinder(graph, ledger);
    this.devices = devices;
    this.store = store;
  }

  private static final class MemoryStore implements net.vdn.controller.store.SliceStore {
    private final Map<String, SliceSpec> slices = new LinkedHashMap<>();

    @Override
    public void put(SliceSpec slice) {
      slices.put(slice.name(), slice);
    }

    @Override
    public void remove(String name) {
      slices.remove(name);
    }

    @Override
    public List<SliceSpec> all() {
      return List.copyOf(slices.values());
    }
  }

  /**
   * After a controller restart: takes the stored slices back (admission, paths, rules) and brings
   * every device to exactly what they need, rewriting nothing that is already right.
   */
  public synchronized Map<String, net.vdn.controller.device.Reconciler.Report> restore() {
    for (SliceSpec spec : store.all()) {
      List<Path> paths = admit(spec);
      Map<String, List<SliceRule>> rules = compiler.compile(spec, paths);
      rules.forEach(
          (d, r) -> {
            DeviceHandle device = devices.get(d);
            if (device == null) {
              throw new AdmissionException("device " + d + " is not connected");
            }
            device.expect(r);
          });
      slices.put(spec.name(), new Slice(spec, paths, rules, null));
    }
    Map<String, net.vdn.controller.device.Reconciler.Report> reports = new LinkedHashMap<>();
    var reconciler = new net.vdn.controller.device.Reconciler();
    devices.forEach(
        (name, d) -> reports.put(name, reconciler.reconcile(name, d.client(), d.mirror())));
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
   * nothing.
   */
  public synchronized Slice create(SliceSpec spec) {
    if (slices.containsKey(spec.name())) {
      throw new IllegalArgumentException("name: slice '" + spec.name() + "' exists");
    }
    for (Slice s : slices.values()) {
      if (s.spec().sliceId() == spec.sliceId()) {
        throw new IllegalArgumentException(
            "sliceId: " + spec.sliceId() + " is used by slice '" + s.spec().name() + "'");
      }
    }
    List<Path> paths = admit(spec);
    Map<String, List<SliceRule>> rules = compiler.compile(spec, paths);
    try {
      program(Map.of(), rules);
    } catch (RuntimeException e) {
      ledger.release(spec.name());
      throw e;
    }
    try {
      store.put(spec);
    } catch (RuntimeException e) {
      program(rules, Map.of());
      ledger.release(spec.name());
      throw e;
    }
    Slice slice = new Slice(spec, paths, rules, null);
    slices.put(spec.name(), slice);
    log.info(
        "slice {}: installed on {} devices over {} paths", spec.name(), rules.size(), paths.size());
    return slice;
  }

  public synchronized void delete(String name) {
    Slice s = slices.remove(name);
    if (s == null) {
      throw new IllegalArgumentException("no slice '" + name + "'");
    }
    program(s.rules(), Map.of());
    ledger.release(name);
    store.remove(name);
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
      if (!affected) {
        continue;
      }
      ledger.release(s.spec().name());
      try {
        List<Path> paths = admit(s.spec());
        Map<String, List<SliceRule>> rules = compiler.compile(s.spec(), paths);
        program(s.rules(), rules);
        slices.put(s.spec().name(), new Slice(s.spec(), paths, rules, null));
        log.info("slice {}: re-routed around {}", s.spec().name(), failed);
      } catch (AdmissionException e) {
        slices.put(s.spec().name(), new Slice(s.spec(), s.paths(), s.rules(), e.getMessage()));
        log.warn("slice {}: degraded: {}", s.spec().name(), e.getMessage());
      }
    }
  }

  private List<Path> admit(SliceSpec spec) {
    String root = spec.endpoints().get(0).device();
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

  /** Moves devices from the old rules to the new ones: removals first, then installs. */
  private void program(Map<String, List<SliceRule>> before, Map<String, List<SliceRule>> after) {
    Set<String> names = new HashSet<>(before.keySet());
    names.addAll(after.keySet());
    List<Runnable> undo = new ArrayList<>();
    try {
      for (String d : names) {
        DeviceHandle device = devices.get(d);
        if (device == null) {
          throw new AdmissionException("device " + d + " is not connected");
        }
        List<SliceRule> old = before.getOrDefault(d, List.of());
        List<SliceRule> now = after.getOrDefault(d, List.of());
        List<SliceRule> gone = old.stream().filter(r -> !now.contains(r)).toList();
        List<SliceRule> added = now.stream().filter(r -> !old.contains(r)).toList();
        device.remove(gone);
        undo.add(() -> device.install(gone));
        device.install(added);
        undo.add(() -> device.remove(added));
      }
    } catch (RuntimeException e) {
      for (int i = undo.size() - 1; i >= 0; i--) {
        try {
          undo.get(i).run();
        } catch (RuntimeException ignored) {
          log.warn("rollback step failed: {}", ignored.getMessage());
        }
      }
      throw e;
    }
  }
}
