package net.vdn.controller.discovery;

import java.util.Map;
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
  private final long defaultCapacityBps;

  /**
   * @param defaultCapacityBps capacity given to a discovered link until the port's speed is known
   */
  public LinkDiscovery(TopologyGraph graph, long defaultCapacityBps) {
    this.graph = graph;
    this.defaultCapacityBps = defaultCapacityBps;
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
    Link existing = graph.from(from.get());
    if (existing != null && existing.dst().equals(to)) {
      return existing;
    }
    Link link =
        new Link(from.get(), to, existing == null ? defaultCapacityBps : existing.capacityBps());
    graph.add(link);
    log.info("link {} discovered", link);
    return link;
  }
}
