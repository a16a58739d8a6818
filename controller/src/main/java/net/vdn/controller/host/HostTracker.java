package net.vdn.controller.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.TopologyGraph;
import net.vdn.p4runtime.PacketIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns hosts from ARP packet-ins (sender MAC and IP, and the port the frame came in on). Frames
 * that came in on a link port carry someone else's host and are ignored, so a host is located at
 * its edge port only. A host seen at a new port has moved.
 */
public final class HostTracker {
  private static final Logger log = LoggerFactory.getLogger(HostTracker.class);
  private final TopologyGraph graph;
  private final Map<String, Host> byMac = new ConcurrentHashMap<>();

  public HostTracker(TopologyGraph graph) {
    this.graph = graph;
  }

  /** Handles a packet-in from a device; returns the host it revealed or moved, else null. */
  public Host onPacketIn(String device, PacketIn in) {
    byte[] f = in.payload();
    int at = 12;
    if (f.length >= 18 && (f[12] & 0xff) == 0x81 && f[13] == 0x00) {
      at = 16;
    }
    if (f.length < at + 2 + 28 || (f[at] & 0xff) != 0x08 || f[at + 1] != 0x06) {
      return null;
    }
    int arp = at + 2;
    String mac = hex(f, arp + 8, 6);
    String ip =
        (f[arp + 14] & 0xff)
            + "."
            + (f[arp + 15] & 0xff)
            + "."
            + (f[arp + 16] & 0xff)
            + "."
            + (f[arp + 17] & 0xff);
    ConnectPoint where = new ConnectPoint(device, (int) in.get("ingress_port").toLong());
    if (graph.isLinkPort(where)) {
      return null;
    }
    Host host = new Host(mac, ip, where);
    Host before = byMac.put(mac, host);
    if (host.equals(before)) {
      return null;
    }
    log.info("host {} ({}) {} {}", mac, ip, before == null ? "at" : "moved to", where);
    return host;
  }

  public List<Host> hosts() {
    return List.copyOf(byMac.values());
  }

  private static String hex(byte[] f, int at, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s.append(':');
      }
      s.append(String.format("%02x", f[at + i] & 0xff));
    }
    return s.toString();
  }
}
