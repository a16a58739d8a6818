package net.vdn.emulation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.vdn.packet.Ipv4Address;
import net.vdn.packet.MacAddress;

/**
 * An emulated network: switches, links between their ports, and hosts on edge ports. Read from a
 * JSON file of this shape (the names are free text; ports are switch port numbers):
 *
 * <pre>
 * { "switches": [ {"name": "seoul", "deviceId": 1} ],
 *   "links":    [ {"a": "seoul", "aPort": 1, "b": "daejeon", "bPort": 1,
 *                  "capacityMbps": 100000, "latencyMs": 1.0} ],
 *   "hosts":    [ {"name": "h1", "switchName": "seoul", "port": 10,
 *                  "mac": "00:00:00:00:01:01", "ip": "10.0.1.1"} ] }
 * </pre>
 */
public record Topology(List<Switch> switches, List<Link> links, List<Host> hosts) {
  public record Switch(String name, long deviceId) {}

  public record Link(
      String a, int aPort, String b, int bPort, long capacityMbps, double latencyMs) {}

  public record Host(String name, String switchName, int port, String mac, String ip) {}

  public Topology {
    if (switches == null || switches.isEmpty()) {
      throw new IllegalArgumentException("a topology needs at least one switch (\"switches\")");
    }
    switches = List.copyOf(switches);
    links = links == null ? List.of() : List.copyOf(links);
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    validate(switches, links, hosts);
  }

  private static void validate(List<Switch> switches, List<Link> links, List<Host> hosts) {
    Set<String> names = new HashSet<>();
    Set<Long> ids = new HashSet<>();
    for (Switch s : switches) {
      if (s.name() == null || s.name().isBlank() || !names.add(s.name())) {
        throw new IllegalArgumentException("switch name missing or repeated: '" + s.name() + "'");
      }
      if (!ids.add(s.deviceId())) {
        throw new IllegalArgumentException("device id " + s.deviceId() + " is used twice");
      }
    }
    Set<String> usedPorts = new HashSet<>();
    for (Link l : links) {
      String where = "link " + l.a() + ":" + l.aPort() + "-" + l.b() + ":" + l.bPort();
      if (!names.contains(l.a()) || !names.contains(l.b())) {
        throw new IllegalArgumentException(where + " names an unknown switch");
      }
      if (l.capacityMbps() <= 0 || l.latencyMs() < 0) {
        throw new IllegalArgumentException(
            where + ": capacity must be positive and latency not negative");
      }
      port(usedPorts, l.a(), l.aPort(), where);
      port(usedPorts, l.b(), l.bPort(), where);
    }
    Set<String> hostNames = new HashSet<>();
    for (Host h : hosts) {
      String where = "host '" + h.name() + "'";
      if (!hostNames.add(h.name())) {
        throw new IllegalArgumentException(where + " is declared twice");
      }
      if (!names.contains(h.switchName())) {
        throw new IllegalArgumentException(
            where + " is on unknown switch '" + h.switchName() + "'");
      }
      port(usedPorts, h.switchName(), h.port(), where);
      MacAddress.parse(h.mac());
      Ipv4Address.parse(h.ip());
    }
  }

  private static void port(Set<String> used, String sw, int port, String where) {
    if (port <= 0 || port >= 255) {
      throw new IllegalArgumentException(where + ": port " + port + " is outside 1..254");
    }
    if (!used.add(sw + ":" + port)) {
      throw new IllegalArgumentException(
          where + ": port " + sw + ":" + port + " is already in use");
    }
  }

  /** Reads a topology file; a clear error names what is wrong. */
  public static Topology read(Path file) {
    try {
      return new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .readValue(file.toFile(), Topology.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read topology " + file + ": " + e.getMessage(), e);
    }
  }

  public Switch switchNamed(String name) {
    return switches.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no switch named '" + name + "'"));
  }

  /**
   * KREONET-S's eight sites: five in Korea on 100 Gb/s links of a few milliseconds, Chicago and
   * Seattle across the Pacific, Hong Kong. Two hosts per site, for two tenants: h1-SITE on port 10
   * (10.0.N.1) and h2-SITE on port 11 (10.0.N.2).
   */
  public static Topology kreonetS() {
    String[] sites = {
      "seoul", "daejeon", "busan", "gwangju", "changwon", "chicago", "seattle", "hongkong"
    };
    List<Switch> switches = new java.util.ArrayList<>();
    List<Host> hosts = new java.util.ArrayList<>();
    for (int i = 0; i < sites.length; i++) {
      switches.add(new Switch(sites[i], i + 1));
      for (int h = 1; h <= 2; h++) {
        hosts.add(
            new Host(
                "h" + h + "-" + sites[i],
                sites[i],
                9 + h,
                new MacAddress((long) (i + 1) << 8 | h).toString(),
                "10.0." + (i + 1) + "." + h));
      }
    }
    List<Link> links =
        List.of(
            new Link("seoul", 1, "daejeon", 1, 100_000, 1.0),
            new Link("daejeon", 2, "busan", 1, 100_000, 1.5),
            new Link("daejeon", 3, "gwangju", 1, 100_000, 1.2),
            new Link("busan", 2, "changwon", 1, 100_000, 0.5),
            new Link("gwangju", 2, "changwon", 2, 100_000, 1.2),
            new Link("seoul", 2, "busan", 3, 100_000, 1.8),
            new Link("daejeon", 4, "chicago", 1, 100_000, 60.0),
            new Link("daejeon", 5, "seattle", 1, 100_000, 50.0),
            new Link("chicago", 2, "seattle", 2, 100_000, 25.0),
            new Link("seoul", 3, "hongkong", 1, 10_000, 20.0));
    return new Topology(switches, links, hosts);
  }
}
