package net.vdn.controller.path.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.Claims;
import net.vdn.controller.path.Holding;
import net.vdn.controller.path.Path;
import net.vdn.controller.path.PathService;
import net.vdn.controller.path.ReservationStore;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyService;

/**
 * Admission over the reservation store: paths from the first device (by name) to each other one,
 * each link usable only when both of its directions have the rate left, then one reservation of
 * both directions of every link of every path.
 */
public final class PathManager implements PathService {
  private final TopologyService topology;
  private final ReservationStore reservations;
  private final PathFinder finder;

  public PathManager(TopologyService topology, ReservationStore reservations) {
    this.topology = topology;
    this.reservations = reservations;
    this.finder = new PathFinder(topology);
  }

  @Override
  public List<Path> admit(String slice, Collection<String> devices, long bps, Claims claims) {
    return admit(slice, plan(slice, devices, bps), bps, claims);
  }

  @Override
  public List<Path> admit(String slice, List<Path> planned, long bps, Claims claims) {
    try {
      reserve(slice, planned, bps, claims);
    } catch (AdmissionException e) {
      throw new AdmissionException("slice " + slice + ": " + e.getMessage());
    }
    return planned;
  }

  @Override
  public List<Path> plan(String slice, Collection<String> devices, long bps) {
    TreeSet<String> ordered = new TreeSet<>(devices);
    String root = ordered.first();
    Map<ConnectPoint, Long> own = reservations.heldBy(slice);
    List<Path> paths = new ArrayList<>();
    try {
      for (String d : ordered.tailSet(root, false)) {
        paths.add(finder.find(root, d, bps, l -> left(l, own)));
      }
    } catch (AdmissionException e) {
      throw new AdmissionException("slice " + slice + ": " + e.getMessage());
    }
    return paths;
  }

  @Override
  public void reserve(String slice, List<Path> paths, long bps, Claims claims) {
    Holding wanted = Holding.of(paths, bps, claims.sliceId(), claims.edges());
    Map<ConnectPoint, Long> capacity = new LinkedHashMap<>();
    for (Path p : paths) {
      for (Link l : p.links()) {
        capacity.put(l.src(), l.capacityBps());
        capacity.put(
            l.dst(), topology.linkFrom(l.dst()).map(Link::capacityBps).orElse(l.capacityBps()));
      }
    }
    reservations.admit(slice, claims.expected(), wanted, port -> capacity.getOrDefault(port, 0L));
  }

  /** What a link has left for a slice: the least of its two directions, the slice's own counted. */
  private long left(Link l, Map<ConnectPoint, Long> own) {
    long there = l.capacityBps() - reservations.reserved(l.src()) + own.getOrDefault(l.src(), 0L);
    long backCapacity = topology.linkFrom(l.dst()).map(Link::capacityBps).orElse(l.capacityBps());
    long back = backCapacity - reservations.reserved(l.dst()) + own.getOrDefault(l.dst(), 0L);
    return Math.min(there, back);
  }

  @Override
  public void release(String slice) {
    reservations.release(slice);
  }

  @Override
  public long reserved(Link direction) {
    return reservations.reserved(direction.src());
  }

  @Override
  public Map<ConnectPoint, Long> heldBy(String slice) {
    return reservations.heldBy(slice);
  }

  @Override
  public Holding held(String slice) {
    return reservations.held(slice);
  }
}
