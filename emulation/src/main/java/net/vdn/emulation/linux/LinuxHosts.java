package net.vdn.emulation.linux;

import java.util.ArrayList;
import java.util.List;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;

/**
 * An emulated network's hosts as Linux hosts: each in a network namespace {@code vdn-<host>} with
 * its address and MAC on {@code eth0}, joined by a veth pair to its switch port, which the
 * softswitch binds with a packet socket. Any program (ping, iperf3, a browser) then runs on the
 * hosts with {@code ip netns exec vdn-<host> ...}. Needs root; removes what it made on close.
 */
public final class LinuxHosts implements AutoCloseable {
  private final List<String> namespaces = new ArrayList<>();
  private final List<String> interfaces = new ArrayList<>();
  private final List<AutoCloseable> bindings = new ArrayList<>();

  private LinuxHosts() {}

  /** The namespace a host of the network runs in. */
  public static String namespace(String host) {
    return "vdn-" + host;
  }

  /** Moves every host of {@code net} into a namespace of its own. */
  public static LinuxHosts attach(EmulatedNetwork net) throws Exception {
    String missing = LinuxRig.unavailable();
    if (missing != null && !missing.startsWith("iperf3")) {
      throw new IllegalStateException("cannot make Linux hosts: " + missing);
    }
    LinuxHosts hosts = new LinuxHosts();
    try {
      int i = 0;
      for (Topology.Host h : net.topology().hosts()) {
        hosts.add(net, h, i++);
      }
    } catch (Exception | Error e) {
      hosts.close();
      throw e;
    }
    return hosts;
  }

  private void add(EmulatedNetwork net, Topology.Host h, int index) throws Exception {
    String ns = namespace(h.name());
    Sh.quietly("ip", "netns", "del", ns);
    Sh.run("ip", "netns", "add", ns);
    namespaces.add(ns);
    String outside = "vdnh" + index + "o";
    String inside = "vdnh" + index + "i";
    Sh.quietly("ip", "link", "del", outside);
    Sh.run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
    interfaces.add(outside);
    Sh.run("ip", "link", "set", inside, "netns", ns);
    Sh.run(Sh.in(ns, "ip", "link", "set", inside, "name", "eth0"));
    Sh.run(Sh.in(ns, "ip", "link", "set", "eth0", "address", h.mac()));
    Sh.run(Sh.in(ns, "ip", "addr", "add", h.ip() + "/16", "dev", "eth0"));
    Sh.run(Sh.in(ns, "ip", "link", "set", "eth0", "up"));
    Sh.run(Sh.in(ns, "ip", "link", "set", "lo", "up"));
    Sh.run(Sh.in(ns, "ethtool", "-K", "eth0", "tx", "off"));
    Sh.run("ethtool", "-K", outside, "tx", "off");
    Sh.run("ip", "link", "set", outside, "up");
    bindings.add(net.device(h.switchName()).bindInterface(h.port(), outside));
  }

  @Override
  public void close() {
    for (AutoCloseable b : bindings) {
      try {
        b.close();
      } catch (Exception e) {
        // The binding is gone with its interface.
      }
    }
    interfaces.forEach(i -> Sh.quietly("ip", "link", "del", i));
    namespaces.forEach(ns -> Sh.quietly("ip", "netns", "del", ns));
  }
}
