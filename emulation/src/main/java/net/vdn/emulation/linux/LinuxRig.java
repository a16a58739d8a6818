package net.vdn.emulation.linux;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Linux side of a rig: one network namespace per host with its address on {@code eth0}, a veth
 * pair per host port (the switch side in this namespace) and per link, every one up with transmit
 * checksum offload off (so frames carry real checksums through a switch). Everything is named after
 * a random rig id and deleted, by name, on close.
 */
public final class LinuxRig implements AutoCloseable {
  private final RigTopology topology;
  private final String id;
  private final List<String> namespaces = new ArrayList<>();
  private final List<String> interfaces = new ArrayList<>();
  private final java.util.Map<String, String> bridges = new java.util.HashMap<>();

  private LinuxRig(RigTopology topology, String id) {
    this.topology = topology;
    this.id = id;
  }

  /** Why a rig cannot be built here, or null when it can. */
  public static String unavailable() {
    if (!Sh.isRoot()) {
      return "not root: network namespaces and veth pairs need root";
    }
    for (String tool : List.of("ip", "ethtool", "ping", "iperf3")) {
      if (!Sh.onPath(tool)) {
        return tool + " is not on PATH (Debian: iproute2, ethtool, iputils-ping, iperf3)";
      }
    }
    return null;
  }

  public static LinuxRig create(RigTopology topology) {
    String id = "v" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    LinuxRig rig = new LinuxRig(topology, id);
    try {
      rig.build();
    } catch (RuntimeException e) {
      rig.close();
      throw e;
    }
    return rig;
  }

  private void build() {
    for (RigTopology.Host h : topology.hosts()) {
      String ns = namespace(h.name());
      Sh.run("ip", "netns", "add", ns);
      namespaces.add(ns);
      String outside = ifname(h.sw(), h.port());
      String inside = id + h.name();
      Sh.run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
      interfaces.add(outside);
      Sh.run("ip", "link", "set", inside, "netns", ns);
      Sh.run(Sh.in(ns, "ip", "link", "set", inside, "name", "eth0"));
      Sh.run(Sh.in(ns, "ip", "link", "set", "eth0", "address", h.mac()));
      Sh.run(Sh.in(ns, "ip", "addr", "add", h.ip() + "/24", "dev", "eth0"));
      Sh.run(Sh.in(ns, "ip", "link", "set", "eth0", "up"));
      Sh.run(Sh.in(ns, "ip", "link", "set", "lo", "up"));
      Sh.run(Sh.in(ns, "ethtool", "-K", "eth0", "tx", "off"));
      up(outside);
    }
    int k = 0;
    for (RigTopology.Link l : topology.links()) {
      String bridge = id + "l" + k++;
      Sh.run("ip", "link", "add", bridge, "type", "bridge");
      interfaces.add(bridge);
      // Bridges keep link-local frames to themselves; LLDP (01:80:c2:00:00:0e) must cross.
      Sh.run("sh", "-c", "echo 16384 > /sys/class/net/" + bridge + "/bridge/group_fwd_mask");
      Sh.run("ip", "link", "set", bridge, "up");
      for (String end : List.of(ifname(l.a(), l.aPort()), ifname(l.b(), l.bPort()))) {
        String middle = middle(end);
        Sh.run("ip", "link", "add", end, "type", "veth", "peer", "name", middle);
        interfaces.add(end);
        up(end);
        up(middle);
        Sh.run("ip", "link", "set", middle, "master", bridge);
      }
      bridges.put(ifname(l.a(), l.aPort()), bridge);
      bridges.put(ifname(l.b(), l.bPort()), bridge);
    }
  }

  /** The bridge side of the veth pair whose other end is a switch port. */
  private static String middle(String switchEnd) {
    return switchEnd + "m";
  }

  private static void up(String ifname) {
    Sh.run("ethtool", "-K", ifname, "tx", "off");
    Sh.run("ip", "link", "set", ifname, "up");
  }

  public RigTopology topology() {
    return topology;
  }

  /** The interface in this namespace that is port {@code port} of switch {@code sw}. */
  public String ifname(int sw, int port) {
    return id + "s" + sw + "p" + port;
  }

  public String namespace(String host) {
    return id + host;
  }

  /**
   * Cuts the link on a switch port in its middle, or mends it: the switches' interfaces stay up
   * either way; frames just stop (or start again) crossing.
   */
  public void setLink(int sw, int port, boolean up) {
    String end = ifname(sw, port);
    String bridge = bridges.get(end);
    if (bridge == null) {
      throw new IllegalArgumentException("no link on s" + sw + " port " + port);
    }
    if (up) {
      Sh.run("ip", "link", "set", middle(end), "master", bridge);
    } else {
      Sh.run("ip", "link", "set", middle(end), "nomaster");
    }
  }

  /** Whether {@code count} pings from a host to an address, 0.2 s apart, all get replies. */
  public boolean ping(String from, String to, int count) {
    try {
      Sh.run(
          Sh.in(
              namespace(from),
              "ping",
              "-n",
              "-q",
              "-c",
              String.valueOf(count),
              "-i",
              "0.2",
              "-W",
              "1",
              to));
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** Whether one ping from a host gets an answer within {@code timeoutMs}. */
  public boolean pingOnce(String from, String to, int timeoutMs) {
    try {
      Sh.run(
          Sh.in(
              namespace(from),
              "ping",
              "-n",
              "-q",
              "-c",
              "1",
              "-W",
              String.valueOf(Math.max(1, timeoutMs / 1000)),
              to));
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** Starts a command in a host's namespace, its output going to {@code log}. */
  public Process start(String host, java.nio.file.Path log, String... command)
      throws java.io.IOException {
    return Sh.start(log, Sh.in(namespace(host), command));
  }

  /** Stops a process started with {@link #start}, and what it started. */
  public static void stop(Process process) {
    Sh.stop(process);
  }

  @Override
  public void close() {
    for (String i : interfaces) {
      Sh.quietly("ip", "link", "del", i);
    }
    for (String ns : namespaces) {
      Sh.quietly("ip", "netns", "del", ns);
    }
  }
}
