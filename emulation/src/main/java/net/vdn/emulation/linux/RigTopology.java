package net.vdn.emulation.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * Switches {@code s1..sN}, links between their ports, and hosts on edge ports, each host with its
 * own IPv4 address in 10.0.0.0/24 and a MAC derived from it.
 */
public record RigTopology(int switches, List<Link> links, List<Host> hosts) {
  /** A link between port {@code aPort} of switch {@code a} and port {@code bPort} of {@code b}. */
  public record Link(int a, int aPort, int b, int bPort) {}

  /** A host on an edge port. */
  public record Host(String name, int sw, int port, String ip) {
    public String mac() {
      String[] o = ip.split("\\.");
      return String.format(
          "02:00:%02x:%02x:%02x:%02x",
          Integer.parseInt(o[0]),
          Integer.parseInt(o[1]),
          Integer.parseInt(o[2]),
          Integer.parseInt(o[3]));
    }
  }

  /**
   * Switches in a line, each joined to the next (port 2 to the next one's port 3); tenant a's hosts
   * {@code a1} and {@code a2} on port 1 of the first and the last switch, tenant b's {@code b1} and
   * {@code b2} on their port 4.
   */
  public static RigTopology line(int n) {
    List<Link> links = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      links.add(new Link(i, 2, i + 1, 3));
    }
    return new RigTopology(n, links, hosts(n));
  }

  /** A line closed into a ring: the last switch's port 2 to the first one's port 3. */
  public static RigTopology ring(int n) {
    List<Link> links = new ArrayList<>(line(n).links());
    links.add(new Link(n, 2, 1, 3));
    return new RigTopology(n, links, hosts(n));
  }

  private static List<Host> hosts(int n) {
    return List.of(
        new Host("a1", 1, 1, "10.0.0.1"),
        new Host("a2", n, 1, "10.0.0.2"),
        new Host("b1", 1, 4, "10.0.0.11"),
        new Host("b2", n, 4, "10.0.0.12"));
  }

  public Host host(String name) {
    return hosts.stream()
        .filter(h -> h.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no host " + name));
  }

  /** The ports of a switch that have something on them, in order. */
  public List<Integer> ports(int sw) {
    List<Integer> out = new ArrayList<>();
    for (Link l : links) {
      if (l.a() == sw) {
        out.add(l.aPort());
      }
      if (l.b() == sw) {
        out.add(l.bPort());
      }
    }
    for (Host h : hosts) {
      if (h.sw() == sw) {
        out.add(h.port());
      }
    }
    out.sort(null);
    return out;
  }
}
