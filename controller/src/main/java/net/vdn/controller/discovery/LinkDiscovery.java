package net.vdn.controller.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyGraph;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers links: sends an LLDP probe out of every port it is told about, and when a probe comes
 * back as a packet-in on another device, records the link direction from the probe's port to the
 * port it arrived on. Devices must punt LLDP to the controller (a {@code Punt} slice rule).
 */
public final class LinkDiscovery {
  private static final Logger log = LoggerFactory.getLogger(LinkDiscovery.class);
  private final TopologyGraph graph;
  private final ToLongFunction<ConnectPoint> capacity;
  private final Map<ConnectPoint, Long> lastSeen = new ConcurrentHashMap<>();
  private final List<Consumer<Link>> added = new CopyOnWriteArrayList<>();

  /**
   * @param defaultCapacityBps capacity given to every discovered link
   */
  public LinkDiscovery(TopologyGraph graph, long defaultCapacityBps) {
    this(graph, port -> defaultCapacityBps);
  }

  /**
   * @param capacity the capacity of a link direction leaving a port (its speed)
   */
  public LinkDiscovery(TopologyGraph graph, ToLongFunction<ConnectPoint> capacity) {
    this.graph = graph;
    this.capacity = capacity;
  }

  /** Called with every link direction that appears (new, or back after it went away). */
  public void onLinkAdded(Consumer<Link> listener) {
    added.add(listener);
  }

  /**
   * Removes the link directions not seen for longer than {@code maxAgeNanos} and returns them.
   * Links in the graph that discovery never saw (taken from the store) age from their first check.
   */
  public List<Link> expire(long maxAgeNanos) {
    long now = System.nanoTime();
    List<Link> gone = new ArrayList<>();
    for (Link l : graph.links()) {
      long seen = lastSeen.computeIfAbsent(l.src(), k -> now);
      if (now - seen > maxAgeNanos && graph.remove(l.src()) != null) {
        lastSeen.remove(l.src());
        gone.add(l);
        log.info("link {} expired: no probe for {} ms", l, (now - seen) / 1_000_000);
      }
    }
    return gone;
  }

  /** Sends a probe out of a port (packet-out straight to the port). */
  public void probe(P4RuntimeClient client, ConnectPoint port) {
    client.sendPacket(
        Lldp.probe(port),
        Map.of("egress_port", Value.of(port.port()), "do_forwarding", Value.ZERO));
  }

  /**
   * Handles a packet-in from a device; returns the link it revealed, or null when the packet is not
   * a probe of ours.
   */
  public Link onPacketIn(String device, PacketIn in) {
    var from = Lldp.parse(in.payload());
    if (from.isEmpty()) {
      return null;
    }
    ConnectPoint to = new ConnectPoint(device, (int) in.get("ingress_port").toLong());
    if (from.get().device().equals(device)) {
      return null;
    }
    lastSeen.put(from.get(), System.nanoTime());
    Link existing = graph.from(from.get());
    if (existing != null && existing.dst().equals(to)) {
      return existing;
    }
    Link link = new Link(from.get(), to, capacity.applyAsLong(from.get()));
    graph.add(link);
    log.info("link {} discovered ({} b/s)", link, link.capacityBps());
    added.forEach(l -> l.accept(link));
    return link;
  }
}
