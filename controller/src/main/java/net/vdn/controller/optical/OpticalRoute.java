package net.vdn.controller.optical;

import java.util.List;
import net.vdn.controller.error.ConfigException;

/**
 * The optical path between two sites: the devices a channel crosses, each from a source port to a
 * destination port (a transponder's client port to its line port, a ROADM's line to line).
 */
public record OpticalRoute(String siteA, String siteB, List<Hop> hops) {
  /** One device of the route. */
  public record Hop(String device, String sourcePort, String destinationPort) {
    public Hop {
      if (device == null || sourcePort == null || destinationPort == null) {
        throw new ConfigException("hops", "each hop needs device, sourcePort and destinationPort");
      }
    }
  }

  public OpticalRoute {
    if (siteA == null || siteB == null || siteA.equals(siteB)) {
      throw new ConfigException("siteA/siteB", "a route joins two different sites");
    }
    if (hops == null || hops.isEmpty()) {
      throw new ConfigException("hops", "a route crosses at least one device");
    }
    hops = List.copyOf(hops);
  }

  public boolean joins(String a, String b) {
    return (siteA.equals(a) && siteB.equals(b)) || (siteA.equals(b) && siteB.equals(a));
  }
}
