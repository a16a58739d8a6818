package net.vdn.controller.topology.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.topology.Link;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers links: a probe sent out of a port that comes back as a packet-in on another device is
 * the link direction from the probe's port to the port it arrived on. Devices must punt LLDP to the
 * controller (a {@code Punt} slice rule). Links not seen for a while are aged out.
 */
final class LinkDiscovery {
  private static final Logger log = LoggerFactory.getLogger(LinkDiscovery.class);
  private final TopologyGraph graph;
  private final ToLongFunction<ConnectPoint> capacity;
  private final Map<ConnectPoint, Long> lastSeen = new ConcurrentHashMap<>();

  /**
   * @param capacity the capacity of a link direction leaving a port (its speed)
   */
  LinkDiscovery(TopologyGraph graph, ToLongFunction<ConnectPoint> capacity) {
    this.graph = graph;
    this.capacity = capacity;
  }

  /**
   * The link directions not seen for longer than {@code maxAgeNanos}. Links in the graph that
   * discovery never saw (assumed from the store) age from their first check.
   */
  List<Link> expired(long maxAgeNanos) {
    return expired(maxAgeNanos, l -> true);
  }

  /**
   * As {@link #expired(long)}, for the links {@code agedHere} accepts; the others count as seen now
   * (another controller ages them, and this one starts from a full window if it takes over).
   */
  List<Link> expired(long maxAgeNanos, java.util.function.Predicate<Link> agedHere) {
    long now = System.nanoTime();
    List<Link> gone = new ArrayList<>();
    for (Link l : graph.links()) {
      if (!agedHere.test(l)) {
        lastSeen.put(l.src(), now);
        continue;
      }
      long seen = lastSeen.computeIfAbsent(l.src(), k -> now);
      if (now - seen > maxAgeNanos) {
        gone.add(l);
        log.info("link {} expired: no probe for {} ms", l, (now - seen) / 1_000_000);
      }
    }
    return gone;
  }

  /** Forgets when a link direction was last seen (it was removed). */
  void forget(Link link) {
    lastSeen.remove(link.src());
  }

  /**
   * The link a frame received on {@code at} reveals when it is one of our probes from another
   * device, new or already known; empty otherwise.
   */
  Optional<Link> probeReceived(ConnectPoint at, byte[] frame) {
    var from = Lldp.parse(frame);
    if (from.isEmpty() || from.get().device().equals(at.device())) {
      return Optional.empty();
    }
    lastSeen.put(from.get(), System.nanoTime());
    Link existing = graph.from(from.get());
    if (existing != null && existing.dst().equals(at)) {
      return Optional.of(existing);
    }
    return Optional.of(new Link(from.get(), at, capacity.applyAsLong(from.get())));
  }
}
