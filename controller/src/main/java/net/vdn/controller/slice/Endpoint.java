package net.vdn.controller.slice;

import net.vdn.controller.device.ConnectPoint;
import net.vdn.pipeconf.rule.Ipv4Prefix;

/**
 * Where a slice meets a tenant: an edge port, optionally only the frames from an IPv4 prefix.
 *
 * @param hostMac the MAC of the host behind the port when it is known (for unicast forwarding)
 */
public record Endpoint(String device, int port, Ipv4Prefix srcPrefix, String hostMac) {
  public Endpoint {
    new ConnectPoint(device, port);
  }

  public static Endpoint of(String device, int port) {
    return new Endpoint(device, port, null, null);
  }

  public ConnectPoint point() {
    return new ConnectPoint(device, port);
  }
}
