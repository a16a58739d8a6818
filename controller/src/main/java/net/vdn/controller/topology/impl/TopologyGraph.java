package net.vdn.controller.topology.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.topology.Link;

/**
 * The links the controller has discovered, by direction. Links come and go (discovery, failures);
 * readers get a consistent snapshot of the links of a device.
 */
final class TopologyGraph {
  private final Map<ConnectPoint, Link> bySource = new ConcurrentHashMap<>();

  /** Adds or replaces the link leaving {@code link.src()}; returns the previous one, if any. */
  Link add(Link link) {
    return bySource.put(link.src(), link);
  }

  /** Removes the link leaving a port; returns it, or null. */
  Link remove(ConnectPoint src) {
    return bySource.remove(src);
  }

  Link from(ConnectPoint src) {
    return bySource.get(src);
  }

  /** Whether a link starts or ends at this port (an infrastructure port, not an edge port). */
  boolean isLinkPort(ConnectPoint port) {
    if (bySource.containsKey(port)) {
      return true;
    }
    for (Link l : bySource.values()) {
      if (l.dst().equals(port)) {
        return true;
      }
    }
    return false;
  }

  Collection<Link> links() {
    return List.copyOf(bySource.values());
  }

  /** The links leaving a device. */
  List<Link> egress(String device) {
    List<Link> out = new ArrayList<>();
    for (Link l : bySource.values()) {
      if (l.src().device().equals(device)) {
        out.add(l);
      }
    }
    return out;
  }
}
