package net.vdn.controller.optical.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.controller.optical.OpticalDeviceState;
import net.vdn.controller.optical.OpticalFailure;
import net.vdn.controller.optical.OpticalRoute;
import net.vdn.controller.optical.OpticalService;
import net.vdn.controller.optical.OpticalStore;
import net.vdn.controller.optical.Wavelength;
import net.vdn.controller.path.AdmissionException;
import net.vdn.optical.OpticalChannel;
import net.vdn.optical.OpticalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optical devices and the routes between sites, and the dedicated wavelengths slices hold on them:
 * a wavelength is one cross-connect named {@code vdn-<slice id>} on every device of the route,
 * added on all of them or none, at a frequency the route's devices do not already carry for another
 * slice (the first free one on the 50 GHz grid from 191.3 THz when none is asked for).
 */
public final class OpticalManager implements OpticalService {
  private static final Logger log = LoggerFactory.getLogger(OpticalManager.class);
  static final long GRID_START_MHZ = 191_300_000L;
  static final long GRID_END_MHZ = 196_100_000L;
  static final long GRID_STEP_MHZ = 50_000L;

  private final OpticalProvider provider;
  private final DeviceService inventory;
  private final OpticalStore store;
  private List<OpticalRoute> routes;

  /** Wavelengths in force, by slice id. */
  private final Map<Integer, Wavelength> held = new LinkedHashMap<>();

  public OpticalManager(OpticalProvider provider, DeviceService inventory, OpticalStore store) {
    this.provider = provider;
    this.inventory = inventory;
    this.store = store;
    this.routes = new ArrayList<>(store.opticalRoutes());
  }

  @Override
  public synchronized OpticalDeviceState add(OpticalDeviceConfig config) {
    if (inventory.knows(config.name())) {
      throw new DuplicateException("device '" + config.name() + "' exists");
    }
    return state(provider.add(config));
  }

  @Override
  public synchronized void remove(String name) {
    provider.managed(name);
    for (OpticalRoute r : routes) {
      for (OpticalRoute.Hop h : r.hops()) {
        if (h.device().equals(name)) {
          throw new DuplicateException(
              "optical device '" + name + "' is on the route " + r.siteA() + "-" + r.siteB());
        }
      }
    }
    provider.remove(name);
  }

  @Override
  public List<OpticalDeviceState> devices() {
    return provider.all().stream().map(OpticalManager::state).toList();
  }

  @Override
  public Optional<OpticalDeviceState> device(String name) {
    return provider.owns(name) ? Optional.of(state(provider.managed(name))) : Optional.empty();
  }

  private static OpticalDeviceState state(OpticalProvider.Managed m) {
    return new OpticalDeviceState(m.config(), m.driver().isConnected());
  }

  /** The channels a device holds, read from it. */
  @Override
  public List<OpticalChannel> channels(String name) {
    OpticalProvider.Managed m = provider.managed(name);
    try {
      m.driver().connect();
      return m.driver().list();
    } catch (OpticalException e) {
      throw failure(e);
    }
  }

  /** Adds (or replaces) the route between two sites. Its devices must be declared. */
  @Override
  public synchronized void putRoute(OpticalRoute route) {
    for (OpticalRoute.Hop h : route.hops()) {
      if (!provider.owns(h.device())) {
        throw new NotFoundException("hops: no optical device '" + h.device() + "'");
      }
    }
    List<OpticalRoute> next = new ArrayList<>();
    for (OpticalRoute r : routes) {
      if (!r.joins(route.siteA(), route.siteB())) {
        next.add(r);
      }
    }
    next.add(route);
    store.putOpticalRoutes(next);
    routes = next;
  }

  @Override
  public synchronized List<OpticalRoute> routes() {
    return List.copyOf(routes);
  }

  /**
   * Provisions a wavelength for a slice on every device of the route between its sites; returns it
   * with its frequency. All devices or none: on a failure the devices already done are undone.
   */
  @Override
  public synchronized Wavelength provision(int sliceId, Wavelength asked) {
    OpticalRoute route = route(asked);
    long frequency = asked.frequencyMhz() != null ? asked.frequencyMhz() : freeFrequency(route);
    if (asked.frequencyMhz() != null && used(route).contains(frequency)) {
      throw new AdmissionException(
          "wavelength: "
              + frequency
              + " MHz is taken on the route "
              + asked.siteA()
              + "-"
              + asked.siteB());
    }
    Wavelength w = asked.withFrequency(frequency);
    List<OpticalProvider.Managed> done = new ArrayList<>();
    try {
      for (OpticalRoute.Hop h : route.hops()) {
        OpticalProvider.Managed m = provider.managed(h.device());
        m.driver().connect();
        m.driver().add(channel(sliceId, w, h));
        done.add(m);
      }
    } catch (OpticalException e) {
      for (int i = done.size() - 1; i >= 0; i--) {
        try {
          done.get(i).driver().remove(name(sliceId));
        } catch (OpticalException undo) {
          log.warn(
              "optical device {}: cannot undo {}: {}",
              done.get(i).config().name(),
              name(sliceId),
              undo.getMessage());
        }
      }
      throw failure(e);
    }
    held.put(sliceId, w);
    log.info(
        "slice {}: wavelength {} MHz ({} MHz wide) {}-{} on {} optical devices",
        sliceId,
        frequency,
        w.widthMhz(),
        w.siteA(),
        w.siteB(),
        route.hops().size());
    return w;
  }

  /** Removes a slice's wavelength from every device of its route (what is there). */
  @Override
  public synchronized void release(int sliceId, Wavelength w) {
    held.remove(sliceId);
    OpticalRoute route = route(w);
    OpticalException first = null;
    for (OpticalRoute.Hop h : route.hops()) {
      OpticalProvider.Managed m = provider.managed(h.device());
      try {
        m.driver().connect();
        m.driver().remove(name(sliceId));
      } catch (OpticalException e) {
        if (e.kind() != OpticalException.Kind.NOT_FOUND) {
          first = first == null ? e : first;
        }
      }
    }
    if (first != null) {
      throw failure(first);
    }
    log.info("slice {}: wavelength released", sliceId);
  }

  /** After a restart: the slice holds this wavelength; adds it where a device lacks it. */
  @Override
  public synchronized void ensure(int sliceId, Wavelength w) {
    held.put(sliceId, w);
    OpticalRoute route = route(w);
    for (OpticalRoute.Hop h : route.hops()) {
      OpticalProvider.Managed m = provider.managed(h.device());
      OpticalChannel want = channel(sliceId, w, h);
      try {
        m.driver().connect();
        if (!m.driver().list().contains(want)) {
          try {
            m.driver().remove(want.name());
          } catch (OpticalException e) {
            // Not there at all.
          }
          m.driver().add(want);
          log.info("optical device {}: {} restored", h.device(), want.name());
        }
      } catch (OpticalException e) {
        log.warn("optical device {}: cannot check {}: {}", h.device(), want.name(), e.getMessage());
      }
    }
  }

  private OpticalRoute route(Wavelength w) {
    for (OpticalRoute r : routes) {
      if (r.joins(w.siteA(), w.siteB())) {
        return r;
      }
    }
    throw new AdmissionException(
        "wavelength: no optical route between " + w.siteA() + " and " + w.siteB());
  }

  private Set<Long> used(OpticalRoute route) {
    Set<String> onRoute = new HashSet<>();
    route.hops().forEach(h -> onRoute.add(h.device()));
    Set<Long> used = new HashSet<>();
    held.forEach(
        (id, w) -> {
          for (OpticalRoute.Hop h : route(w).hops()) {
            if (onRoute.contains(h.device())) {
              used.add(w.frequencyMhz());
            }
          }
        });
    return used;
  }

  private long freeFrequency(OpticalRoute route) {
    Set<Long> used = used(route);
    for (long f = GRID_START_MHZ; f <= GRID_END_MHZ; f += GRID_STEP_MHZ) {
      if (!used.contains(f)) {
        return f;
      }
    }
    throw new AdmissionException(
        "wavelength: no free frequency left on the route " + route.siteA() + "-" + route.siteB());
  }

  private static OpticalChannel channel(int sliceId, Wavelength w, OpticalRoute.Hop h) {
    return new OpticalChannel(
        name(sliceId), w.frequencyMhz(), w.widthMhz(), null, h.sourcePort(), h.destinationPort());
  }

  static String name(int sliceId) {
    return "vdn-" + sliceId;
  }

  private static RuntimeException failure(OpticalException e) {
    if (e.kind() == OpticalException.Kind.UNREACHABLE) {
      return new DeviceUnavailableException(e.getMessage());
    }
    return new OpticalFailure(e);
  }
}
