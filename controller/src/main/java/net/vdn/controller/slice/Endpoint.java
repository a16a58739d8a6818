package net.vdn.controller.slice;

import net.vdn.controller.device.ConnectPoint;
import net.vdn.pipeconf.rule.Ipv4Prefix;

/**
 * Where a slice meets a tenant: an edge port, optionally only the frames from an IPv4 prefix, or
 * only the frames tagged with a VLAN.
 *
 * @param hostMac the MAC of the host behind the port when it is known (for unicast forwarding)
 * @param vlan null for untagged frames (the usual edge port); otherwise the port carries the slice
 *     tagged with this VLAN, both ways. When it is the slice's id (a border port towards another
 *     domain) the frames keep their tag; any other VLAN is a customer VLAN, translated to the
 *     slice's id on the way in and back on the way out.
 */
public record Endpoint(
    String device, int port, Ipv4Prefix srcPrefix, String hostMac, Integer vlan) {
  public Endpoint {
    new ConnectPoint(device, port);
    if (vlan != null && (vlan < 1 || vlan > 4094)) {
      throw new IllegalArgumentException("vlan: " + vlan + " is outside 1..4094");
    }
  }

  /** An untagged endpoint. */
  public Endpoint(String device, int port, Ipv4Prefix srcPrefix, String hostMac) {
    this(device, port, srcPrefix, hostMac, null);
  }

  public static Endpoint of(String device, int port) {
    return new Endpoint(device, port, null, null, null);
  }

  public ConnectPoint point() {
    return new ConnectPoint(device, port);
  }
}
