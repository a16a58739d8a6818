package net.vdn.softswitch.port;

import java.util.ArrayList;
import java.util.List;
import net.vdn.testsupport.Programs;

/**
 * Veth pairs and network namespaces for one test, named {@code vif<pid>...} so they are this test
 * run's alone; {@link #close} removes what it made, by name, and nothing else.
 */
final class LinuxLinks implements AutoCloseable {
  /** Unique to this JVM, short enough for 15-character interface names. */
  final String id = "vif" + ProcessHandle.current().pid() % 100_000;

  private final List<String> links = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();

  /** What a test on interfaces lacks here (root, the programs given), or null when nothing. */
  static String missing(String... programs) {
    List<String> missing = new ArrayList<>();
    if (!Programs.isRoot()) {
      missing.add("root (network namespaces, veth pairs and packet sockets)");
    }
    for (String program : List.of(programs)) {
      if (!Programs.onPath(program)) {
        missing.add(program + " on PATH (Debian package " + packageOf(program) + ")");
      }
    }
    if (LinuxInterfacePort.unsupportedReason() != null) {
      missing.add(LinuxInterfacePort.unsupportedReason());
    }
    return missing.isEmpty() ? null : "needs " + String.join(", ", missing);
  }

  private static String packageOf(String program) {
    return switch (program) {
      case "ip" -> "iproute2";
      case "ping" -> "iputils-ping";
      default -> program;
    };
  }

  /** A veth pair {@code a} - {@code b} in this namespace, both ends up and without IPv6 chatter. */
  void vethPair(String a, String b) throws Exception {
    Programs.run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
    links.add(a);
    for (String end : List.of(a, b)) {
      quiet(end);
      Programs.run("ip", "link", "set", end, "up");
    }
    for (String end : List.of(a, b)) {
      waitUntilUp(end, () -> Programs.run("ip", "-o", "link", "show", "dev", end));
    }
  }

  /** What {@code ip -o link show dev X} says, here or in a namespace. */
  interface LinkShow {
    String run() throws Exception;
  }

  /**
   * Waits until an interface set up can carry frames. {@code ip link set up} returns before the
   * kernel has activated the interface's queueing discipline (it does that a little later, later
   * still on a loaded machine); until then the interface has the "noop" one, which drops every
   * frame sent and reports success. A frame sent that early is silently lost, so a test on a fresh
   * veth pair waits for the state UP and a real queueing discipline on both ends.
   */
  static void waitUntilUp(String ifname, LinkShow show) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      String line = show.run();
      if (line.contains("state UP") && !line.contains("qdisc noop")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "interface " + ifname + " is not up after 10 s: " + line.strip());
      }
      Thread.sleep(5);
    }
  }

  /**
   * A host: namespace {@code ns} holding end {@code inside} of a veth pair whose other end {@code
   * outside} stays here, with a MAC and an address, TX checksums computed in software.
   */
  void host(String ns, String outside, String inside, String mac, String address) throws Exception {
    Programs.run("ip", "netns", "add", ns);
    namespaces.add(ns);
    LinuxLinks.inNamespace(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
    LinuxLinks.inNamespace(ns, "ip", "link", "set", "lo", "up");
    Programs.run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
    links.add(outside);
    quiet(outside);
    Programs.run("ip", "link", "set", outside, "up");
    Programs.run("ip", "link", "set", inside, "netns", ns);
    LinuxLinks.inNamespace(ns, "ip", "link", "set", inside, "address", mac);
    LinuxLinks.inNamespace(ns, "ip", "addr", "add", address + "/24", "dev", inside);
    // With checksum offload the kernel leaves TCP checksums to a NIC that a veth does not have.
    LinuxLinks.inNamespace(ns, "ethtool", "-K", inside, "tx", "off");
    LinuxLinks.inNamespace(ns, "ip", "link", "set", inside, "up");
    waitUntilUp(outside, () -> Programs.run("ip", "-o", "link", "show", "dev", outside));
    waitUntilUp(
        inside, () -> LinuxLinks.inNamespace(ns, "ip", "-o", "link", "show", "dev", inside));
  }

  /** An interface sends nothing of its own (no IPv6 router solicitations, no MLD). */
  private static void quiet(String ifname) {
    try {
      Programs.run("sysctl", "-qw", "net.ipv6.conf." + ifname + ".disable_ipv6=1");
    } catch (Exception e) {
      // a kernel without IPv6 sends none
    }
  }

  @Override
  public void close() {
    for (String link : links) {
      try {
        Programs.run("ip", "link", "del", link);
      } catch (Exception e) {
        // gone with its namespace
      }
    }
    for (String ns : namespaces) {
      try {
        Programs.run("ip", "netns", "del", ns);
      } catch (Exception e) {
        // already gone
      }
    }
  }

  /** Runs a command in a network namespace; its output, or an exception naming it. */
  static String inNamespace(String namespace, String... command)
      throws java.io.IOException, InterruptedException {
    String[] all = new String[command.length + 4];
    all[0] = "ip";
    all[1] = "netns";
    all[2] = "exec";
    all[3] = namespace;
    System.arraycopy(command, 0, all, 4, command.length);
    return Programs.run(all);
  }
}
