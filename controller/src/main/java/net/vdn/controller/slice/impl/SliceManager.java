package net.vdn.controller.slice.impl;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.optical.OpticalService;
import net.vdn.controller.path.Claims;
import net.vdn.controller.path.Holding;
import net.vdn.controller.path.Path;
import net.vdn.controller.path.PathService;
import net.vdn.controller.slice.Slice;
import net.vdn.controller.slice.SliceEvent;
import net.vdn.controller.slice.SliceListener;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.slice.SliceStatus;
import net.vdn.controller.slice.SliceStore;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.controller.slice.spi.Masters;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyListener;
import net.vdn.controller.topology.TopologyService;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, modifies, deletes and re-routes slices: admission on the links' capacity (both
 * directions), compilation into slice rules, programming of every device — all or none — and the
 * store, written before the call returns. When a link fails, the slices on it move to other paths,
 * or are marked degraded with the reason; degraded slices are tried again whenever a link appears.
 */
public final class SliceManager implements SliceService, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SliceManager.class);

  private final DeviceService devices;
  private final TopologyService topology;
  private final PathService paths;
  private final SliceStore store;
  private final OpticalService optical;
  private final SliceWavelengths wavelengths;
  private final Duration counterInterval;
  private final SliceCompiler compiler = new SliceCompiler();
  private final Programming programming;
  private final SliceWriter writer;
  private final Masters masters;
  private final SliceCounting counting;
  private final Map<String, SliceEntry> slices = new LinkedHashMap<>();
  private final SliceEvents events = new SliceEvents();
  private final Rerouter rerouter;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-slice-counters").factory());

  /** Where the changes other controllers made to the shared store are taken in, in order. */
  private final ExecutorService follower =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("vdn-slice-follow").factory());

  /**
   * @param counterInterval how often every slice's counters are read (so that a device restart
   *     loses at most this much of its count)
   */
  public SliceManager(
      DeviceService devices,
      TopologyService topology,
      PathService paths,
      SliceStore store,
      OpticalService optical,
      Duration counterInterval) {
    this(devices, topology, paths, store, optical, counterInterval, Masters.NONE);
  }

  /**
   * A slice service in a cluster: devices mastered by other controllers are programmed by their
   * masters ({@code masters}), and slices stored by the others are followed.
   */
  public SliceManager(
      DeviceService devices,
      TopologyService topology,
      PathService paths,
      SliceStore store,
      OpticalService optical,
      Duration counterInterval,
      Masters masters) {
    this.devices = devices;
    this.topology = topology;
    this.paths = paths;
    this.store = store;
    this.optical = optical;
    this.wavelengths = new SliceWavelengths(optical);
    this.counterInterval = counterInterval;
    this.programming = new Programming(devices);
    this.masters = masters;
    this.writer = new SliceWriter(programming, masters, devices);
    this.counting = new SliceCounting(devices);
    this.rerouter = new Rerouter(paths, compiler, writer, counting, store, events);
  }

  /** Follows link failures and appearances, and starts reading the slices' counters. */
  public void start() {
    topology.addListener(
        new TopologyListener() {
          @Override
          public void linkAdded(Link link) {
            retryDegraded();
          }

          @Override
          public void linkRemoved(Link link, String why) {
            linkDown(link, why);
          }
        });
    long every = counterInterval.toMillis();
    poller.scheduleWithFixedDelay(this::pollCounters, every, every, TimeUnit.MILLISECONDS);
    store.addListener(
        new SliceStore.Listener() {
          @Override
          public void put(StoredSlice slice) {
            follower.execute(() -> followPut(slice));
          }

          @Override
          public void removed(String name) {
            follower.execute(() -> followRemoved(name));
          }
        });
    masters.serve(new ServedRules(store, compiler, programming));
  }

  /** A slice another controller stored (or this one: then nothing changes). */
  private synchronized void followPut(StoredSlice stored) {
    SliceEntry e = slices.get(stored.name());
    if (e != null && e.spec().equals(stored.spec()) && e.slice().paths().equals(stored.paths())) {
      return;
    }
    Map<String, List<SliceRule>> rules = compiler.compile(stored.spec(), stored.paths());
    if (e == null) {
      counting.open(stored.name(), stored.counterBase());
    }
    slices.put(stored.name(), SliceEntry.active(stored.spec(), stored.paths(), rules));
    log.debug("slice {}: taken from the shared store", stored.name());
  }

  private synchronized void followRemoved(String name) {
    if (slices.remove(name) != null) {
      counting.close(name);
      log.debug("slice {}: removed in the shared store", name);
    }
  }

  /**
   * Whether this controller re-routes the slice and keeps its counters (in a cluster, one does).
   */
  private boolean leads(SliceSpec spec) {
    return masters.leads(new java.util.TreeSet<>(SliceClaims.devicesOf(spec)).first());
  }

  /**
   * After a controller restart: takes the stored slices back on the paths reserved for them (their
   * links are assumed present until discovery says otherwise), records their rules as what their
   * devices should hold, and brings every connected device to exactly that, rewriting nothing that
   * is already right. Returns what reconciling each device changed.
   */
  public synchronized Map<String, ReconcileReport> restore() {
    for (SliceEntry e :
        new SliceRestore(store, topology, paths, compiler, devices, optical, counting).takeBack()) {
      slices.put(e.spec().name(), e);
    }
    Map<String, ReconcileReport> reports = devices.reconcileAll();
    log.info("restored {} slices from the store", slices.size());
    return reports;
  }

  @Override
  public synchronized Optional<Slice> get(String name) {
    return Optional.ofNullable(slices.get(name)).map(SliceEntry::slice);
  }

  @Override
  public synchronized List<Slice> list() {
    return slices.values().stream().map(SliceEntry::slice).toList();
  }

  @Override
  public void addListener(SliceListener listener) {
    events.add(listener);
  }

  @Override
  public synchronized Slice create(SliceSpec asked) {
    SliceEntry same = slices.get(asked.name());
    if (same != null) {
      if (same.spec().satisfies(asked)) {
        return same.slice();
      }
      throw new DuplicateException("slice '" + asked.name() + "' exists with other settings");
    }
    SliceConflicts.check(asked, others(null), devices, topology);
    long begin = System.nanoTime();
    // A slice without a wavelength is known whole before it is admitted: its move is made ready
    // first, so that the request to the other masters of its devices goes with the admission.
    boolean ready = asked.wavelength() == null;
    Claims claims = SliceClaims.claims(asked, Holding.NONE);
    List<Path> held =
        ready
            ? paths.plan(asked.name(), SliceClaims.devicesOf(asked), asked.cirBps())
            : paths.admit(asked.name(), SliceClaims.devicesOf(asked), asked.cirBps(), claims);
    Map<String, List<SliceRule>> rules;
    SliceSpec spec;
    try {
      rules = compiler.compile(asked, held);
      spec = wavelengths.provision(asked);
    } catch (RuntimeException e) {
      if (!ready) {
        paths.release(asked.name());
      }
      throw e;
    }
    StoredSlice stored = new StoredSlice(spec, held, SliceCounters.ZERO);
    long start = System.nanoTime();
    Map<String, Long> terms;
    boolean admitted = !ready;
    try {
      SliceWriter.Move move = writer.prepare(spec.name(), null, Map.of(), stored, rules);
      if (ready) {
        move.admitting(() -> paths.admit(asked.name(), held, asked.cirBps(), claims));
        admitted = true;
        start = System.nanoTime();
      }
      terms = writer.move(move);
    } catch (RuntimeException e) {
      if (!admitted) {
        throw e;
      }
      wavelengths.release(spec);
      paths.release(spec.name());
      throw e;
    }
    long programmed = System.nanoTime();
    try {
      store.put(stored, terms);
    } catch (RuntimeException e) {
      writer.undo(spec.name(), null, Map.of(), stored, rules);
      wavelengths.release(spec);
      paths.release(spec.name());
      throw e;
    }
    counting.open(spec.name(), SliceCounters.ZERO);
    SliceEntry e = SliceEntry.active(spec, held, rules);
    slices.put(spec.name(), e);
    long end = System.nanoTime();
    log.info(
        "slice {} (id {}, tenant {}): installed on {} devices over {} paths in {} µs"
            + " (admission and compilation {} µs, programming {} µs, store {} µs)",
        spec.name(),
        spec.sliceId(),
        spec.tenant(),
        rules.size(),
        held.size(),
        (end - begin) / 1000,
        (start - begin) / 1000,
        (programmed - start) / 1000,
        (end - programmed) / 1000);
    events.fire(
        SliceEvent.Type.CREATED,
        spec.name(),
        "installed on " + rules.size() + " devices",
        programmed - start);
    return e.slice();
  }

  @Override
  public synchronized Slice modify(SliceSpec asked) {
    SliceEntry old = slices.get(asked.name());
    if (old == null) {
      throw new NotFoundException("no slice '" + asked.name() + "'");
    }
    SliceSpec spec = SliceWavelengths.keep(old.spec(), asked);
    if (old.spec().equals(spec) && old.slice().status() == SliceStatus.ACTIVE) {
      return old.slice();
    }
    SliceConflicts.check(spec, others(spec.name()), devices, topology);
    // As for a creation: the move is made ready first, its request going with the admission.
    List<Path> held = paths.plan(spec.name(), SliceClaims.devicesOf(spec), spec.cirBps());
    Map<String, List<SliceRule>> rules = compiler.compile(spec, held);
    long start = System.nanoTime();
    StoredSlice before = new StoredSlice(old.spec(), old.slice().paths(), null);
    StoredSlice after = new StoredSlice(spec, held, null);
    Claims claims = SliceClaims.claims(spec, SliceClaims.holding(old));
    Map<String, Long> terms;
    boolean admitted = false;
    try {
      SliceWriter.Move move = writer.prepare(spec.name(), before, old.rules(), after, rules);
      move.admitting(() -> paths.admit(spec.name(), held, spec.cirBps(), claims));
      admitted = true;
      terms = writer.move(move);
    } catch (RuntimeException e) {
      if (admitted) {
        holdAgain(old);
      }
      throw e;
    }
    long programmed = System.nanoTime();
    SliceCounters base = counting.left(spec.name(), SliceClaims.gone(old.rules(), rules));
    try {
      store.put(new StoredSlice(spec, held, base), terms);
    } catch (RuntimeException e) {
      writer.undo(spec.name(), before, old.rules(), after, rules);
      holdAgain(old);
      throw e;
    }
    SliceEntry e = SliceEntry.active(spec, held, rules);
    slices.put(spec.name(), e);
    log.info("slice {}: modified ({} devices, {} paths)", spec.name(), rules.size(), held.size());
    events.fire(
        SliceEvent.Type.MODIFIED,
        spec.name(),
        "on " + rules.size() + " devices",
        programmed - start);
    return e.slice();
  }

  @Override
  public synchronized void delete(String name) {
    SliceEntry e = slices.get(name);
    if (e == null) {
      throw new NotFoundException("no slice '" + name + "'");
    }
    StoredSlice before = new StoredSlice(e.spec(), e.slice().paths(), null);
    Map<String, Long> terms = writer.move(name, before, e.rules(), null, Map.of());
    try {
      store.remove(name, terms);
    } catch (RuntimeException x) {
      writer.undo(name, before, e.rules(), null, Map.of());
      throw x;
    }
    slices.remove(name);
    paths.release(name);
    wavelengths.release(e.spec());
    counting.close(name);
    log.info("slice {}: deleted", name);
    events.fire(SliceEvent.Type.DELETED, name, "deleted", 0);
  }

  @Override
  public SliceCounters counters(String name) {
    SliceEntry e;
    synchronized (this) {
      e = slices.get(name);
    }
    if (e == null) {
      throw new NotFoundException("no slice '" + name + "'");
    }
    return counting.counters(List.of(e), this::storeBase).get(name);
  }

  @Override
  public Map<String, SliceCounters> allCounters() {
    List<SliceEntry> all;
    synchronized (this) {
      all = List.copyOf(slices.values());
    }
    return counting.counters(all, this::storeBase);
  }

  private void pollCounters() {
    try {
      allCounters();
    } catch (RuntimeException e) {
      log.debug("slice counters not read: {}", e.getMessage());
    }
  }

  /** Keeps a slice's new counter base with it, so that a controller restart does not lose it. */
  private synchronized void storeBase(String name, SliceCounters base) {
    SliceEntry e = slices.get(name);
    if (e != null && leads(e.spec())) {
      store.put(new StoredSlice(e.spec(), e.slice().paths(), base));
    }
  }

  /**
   * A link went down (both directions are gone from the topology); slices on it move or degrade.
   */
  synchronized void linkDown(Link failed, String why) {
    for (SliceEntry e : List.copyOf(slices.values())) {
      boolean affected =
          e.slice().paths().stream()
              .flatMap(p -> p.links().stream())
              .anyMatch(l -> l.src().equals(failed.src()) || l.src().equals(failed.dst()));
      if (affected && leads(e.spec())) {
        slices.put(e.spec().name(), rerouter.reroute(e, "link " + failed + " is down: " + why));
      }
    }
  }

  /** A link appeared: slices that are degraded try again to get a path. */
  synchronized void retryDegraded() {
    for (SliceEntry e : List.copyOf(slices.values())) {
      if (e.slice().status() == SliceStatus.DEGRADED && leads(e.spec())) {
        slices.put(e.spec().name(), rerouter.reroute(e, "a link appeared"));
      }
    }
  }

  /** Puts back the reservation a slice held before a change that failed. */
  private void holdAgain(SliceEntry old) {
    paths.reserve(
        old.spec().name(),
        SliceClaims.held(old),
        old.spec().cirBps(),
        SliceClaims.claims(old.spec(), null));
  }

  private List<SliceSpec> others(String except) {
    return slices.values().stream()
        .map(SliceEntry::spec)
        .filter(o -> !o.name().equals(except))
        .toList();
  }

  @Override
  public void close() {
    poller.shutdownNow();
    follower.shutdownNow();
  }
}
