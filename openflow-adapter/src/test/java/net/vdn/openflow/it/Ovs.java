package net.vdn.openflow.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.vdn.packet.MacAddress;

/**
 * Open vSwitch for tests: its own ovsdb-server and ovs-vswitchd (userspace datapath) with a private
 * run, database and log directory, bridges whose controller is a local listener, and hosts in
 * network namespaces joined to bridge ports by veth pairs. Everything it made is removed by {@link
 * #close}, and only the processes it started are stopped, by their handles.
 */
public final class Ovs implements AutoCloseable {
  private static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
  private static final List<String> SBIN = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

  private final Path dir;
  private final String tag = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  private final Map<String, String> env = new HashMap<>();
  private final List<String> namespaces = new ArrayList<>();
  private final List<String> links = new ArrayList<>();
  private final List<String> bridges = new ArrayList<>();
  private Process db;
  private Process vswitchd;
  private int names;

  /** A host: its namespace, its interface there, address and MAC, and the bridge port it is on. */
  public record Host(String namespace, String ifname, String ip, String mac, int port) {}

  /** Skips the calling test, naming what is missing, unless OVS and root are here. */
  public static void assumeAvailable() {
    for (String tool :
        List.of("ovsdb-tool", "ovsdb-server", "ovs-vswitchd", "ovs-vsctl", "ovs-ofctl")) {
      assumeTrue(
          find(tool) != null,
          tool + " not on PATH (Debian package openvswitch-switch, installed by .ci/run)");
    }
    assumeTrue(Files.exists(Path.of(SCHEMA)), SCHEMA + " is missing (openvswitch-switch)");
    assumeTrue(find("ip") != null, "ip not on PATH (iproute2)");
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root for network namespaces and veth pairs");
  }

  static String find(String tool) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(SBIN);
    for (String d : dirs) {
      Path p = Path.of(d, tool);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  public static Ovs start() throws IOException, InterruptedException {
    Ovs ovs = new Ovs(Files.createTempDirectory("vof"));
    try {
      ovs.startDatabase();
      ovs.startSwitch();
      return ovs;
    } catch (IOException | InterruptedException | RuntimeException e) {
      ovs.close();
      throw e;
    }
  }

  private Ovs(Path dir) {
    this.dir = dir;
    for (String v : List.of("OVS_RUNDIR", "OVS_DBDIR", "OVS_LOGDIR", "OVS_SYSCONFDIR")) {
      env.put(v, dir.toString());
    }
  }

  private String db() {
    return "unix:" + dir.resolve("db.sock");
  }

  private void startDatabase() throws IOException, InterruptedException {
    run(find("ovsdb-tool"), "create", dir.resolve("conf.db").toString(), SCHEMA);
    db =
        spawn(
            "ovsdb-server",
            find("ovsdb-server"),
            dir.resolve("conf.db").toString(),
            "--remote=punix:" + dir.resolve("db.sock"),
            "--pidfile=" + dir.resolve("ovsdb-server.pid"),
            "--unixctl=" + dir.resolve("ovsdb-server.ctl"),
            "--log-file=" + dir.resolve("ovsdb-server.log"));
    awaitFile(dir.resolve("db.sock"), db, "ovsdb-server");
    vsctl("--no-wait", "init");
  }

  private void startSwitch() throws IOException, InterruptedException {
    Files.deleteIfExists(dir.resolve("ovs-vswitchd.ctl"));
    vswitchd =
        spawn(
            "ovs-vswitchd",
            find("ovs-vswitchd"),
            db(),
            "--pidfile=" + dir.resolve("ovs-vswitchd.pid"),
            "--unixctl=" + dir.resolve("ovs-vswitchd.ctl"),
            "--log-file=" + dir.resolve("ovs-vswitchd.log"));
    awaitFile(dir.resolve("ovs-vswitchd.ctl"), vswitchd, "ovs-vswitchd");
    vsctl("--timeout=20", "--", "show");
  }

  /** Stops ovs-vswitchd (flows are lost; the database keeps the bridges) and starts it again. */
  void restartSwitch() throws IOException, InterruptedException {
    stop(vswitchd);
    startSwitch();
  }

  /**
   * A bridge on the userspace datapath speaking only OpenFlow 1.3, in secure fail mode (no flows of
   * its own), with the given datapath id and a controller on the loopback port.
   */
  public String bridge(long dpid, int controllerPort) throws IOException, InterruptedException {
    return bridge(dpid, "tcp:127.0.0.1:" + controllerPort);
  }

  /** A bridge as above whose controller is any OVS target ("ssl:127.0.0.1:6653"). */
  String bridge(long dpid, String controller) throws IOException, InterruptedException {
    String name = name("br");
    bridges.add(name);
    vsctl(
        "--timeout=20",
        "add-br",
        name,
        "--",
        "set",
        "bridge",
        name,
        "datapath_type=netdev",
        "protocols=OpenFlow13",
        "fail_mode=secure",
        String.format("other-config:datapath-id=%016x", dpid),
        "--",
        "set-controller",
        name,
        controller);
    vsctl("--timeout=20", "set", "controller", name, "max_backoff=1000");
    return name;
  }

  /** Points a bridge's controller at another port. */
  void controller(String bridge, int port) throws IOException, InterruptedException {
    vsctl("--timeout=20", "set-controller", bridge, "tcp:127.0.0.1:" + port);
    vsctl("--timeout=20", "set", "controller", bridge, "max_backoff=1000");
  }

  /** A host in a new namespace on bridge port {@code port}, with TX checksum offload off. */
  public Host host(String bridge, int port, String ip) throws IOException, InterruptedException {
    String ns = name("ns");
    String outside = name("v");
    String inside = outside + "h";
    run("ip", "netns", "add", ns);
    namespaces.add(ns);
    run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
    links.add(outside);
    run("ip", "link", "set", inside, "netns", ns);
    run("ip", "link", "set", outside, "up");
    // No IPv6: its neighbour discovery would add frames the isolation checks have to ignore.
    inNamespace(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
    inNamespace(ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
    inNamespace(ns, "sysctl", "-q", "-w", "net.ipv6.conf." + inside + ".disable_ipv6=1");
    inNamespace(ns, "ip", "addr", "add", ip + "/24", "dev", inside);
    inNamespace(ns, "ip", "link", "set", inside, "up");
    inNamespace(ns, "ip", "link", "set", "lo", "up");
    if (find("ethtool") != null) {
      // Checksums of locally sent TCP are left to the NIC on a veth; nothing fills them in on
      // the way through a userspace switch, so the namespace computes them itself.
      inNamespace(ns, find("ethtool"), "-K", inside, "tx", "off");
    }
    vsctl(
        "--timeout=20",
        "add-port",
        bridge,
        outside,
        "--",
        "set",
        "interface",
        outside,
        "ofport_request=" + port);
    String mac = mac(ns, inside);
    return new Host(ns, inside, ip, mac, port);
  }

  /** The MAC address of an interface in a namespace, as the kernel shows it. */
  private String mac(String ns, String ifname) throws IOException, InterruptedException {
    return MacAddress.parse(inNamespace(ns, "cat", "/sys/class/net/" + ifname + "/address").strip())
        .toString();
  }

  /** Joins two bridges with a veth pair on the given ports (a trunk between two switches). */
  public void link(String bridgeA, int portA, String bridgeB, int portB)
      throws IOException, InterruptedException {
    String a = name("t");
    String b = a + "p";
    run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
    links.add(a);
    run("ip", "link", "set", a, "up");
    run("ip", "link", "set", b, "up");
    vsctl(
        "--timeout=20",
        "add-port",
        bridgeA,
        a,
        "--",
        "set",
        "interface",
        a,
        "ofport_request=" + portA);
    vsctl(
        "--timeout=20",
        "add-port",
        bridgeB,
        b,
        "--",
        "set",
        "interface",
        b,
        "ofport_request=" + portB);
  }

  public String vsctl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(find("ovs-vsctl"), "--db=" + db()));
    cmd.addAll(List.of(args));
    return run(cmd.toArray(String[]::new));
  }

  public String ofctl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(find("ovs-ofctl"), "-O", "OpenFlow13"));
    cmd.addAll(List.of(args));
    return run(cmd.toArray(String[]::new));
  }

  /** Whether {@code from} gets replies to pings of {@code to}. */
  /** A host in a namespace of its own whose veth's other end is on no bridge. */
  public record LooseHost(Host host, String outside) {}

  /** A host as {@link #host} does, but its outside end is left for the caller to bind. */
  public LooseHost looseHost(String ip) throws IOException, InterruptedException {
    String ns = name("ns");
    String outside = name("v");
    String inside = outside + "h";
    run("ip", "netns", "add", ns);
    namespaces.add(ns);
    run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
    links.add(outside);
    run("ip", "link", "set", inside, "netns", ns);
    run("ip", "link", "set", outside, "up");
    inNamespace(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
    inNamespace(ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
    inNamespace(ns, "ip", "addr", "add", ip + "/24", "dev", inside);
    inNamespace(ns, "ip", "link", "set", inside, "up");
    inNamespace(ns, "ip", "link", "set", "lo", "up");
    if (find("ethtool") != null) {
      inNamespace(ns, find("ethtool"), "-K", inside, "tx", "off");
    }
    String mac = mac(ns, inside);
    return new LooseHost(new Host(ns, inside, ip, mac, -1), outside);
  }

  public boolean ping(Host from, Host to, int count) throws InterruptedException, IOException {
    Process p =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                from.namespace(),
                "ping",
                "-c",
                "" + count,
                "-i",
                "0.2",
                "-W",
                "1",
                to.ip())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  public String inNamespace(String ns, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(List.of(command));
    return run(cmd.toArray(String[]::new));
  }

  /** Starts a process in a namespace; the caller stops it with {@link #stop}. */
  Process spawnIn(String ns, Path log, String... command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(List.of(command));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  Path dir() {
    return dir;
  }

  public String log(String daemon) {
    try {
      return Files.readString(dir.resolve(daemon + ".log"));
    } catch (IOException e) {
      return "(no " + daemon + " log: " + e.getMessage() + ")";
    }
  }

  private String name(String kind) {
    return "vo" + kind + tag + (names++);
  }

  private Process spawn(String what, String... command) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(what + ".out").toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  private void awaitFile(Path file, Process process, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(file)) {
      if (!process.isAlive()) {
        throw new IOException(
            what
                + " exited with "
                + process.exitValue()
                + ": "
                + Files.readString(dir.resolve(what + ".out"))
                + log(what));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(what + " did not start within 20 s: " + log(what));
      }
      Thread.sleep(50);
    }
  }

  String run(String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
    return out;
  }

  static void stop(Process p) throws InterruptedException {
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    List<String> problems = new ArrayList<>();
    for (String ns : namespaces) {
      quietly(problems, "ip", "netns", "del", ns);
    }
    if (vswitchd != null && vswitchd.isAlive()) {
      for (String bridge : bridges) {
        // The userspace datapath made a tap device for the bridge; deleting the bridge removes it.
        quietly(problems, find("ovs-vsctl"), "--db=" + db(), "--timeout=20", "del-br", bridge);
      }
    }
    try {
      stop(vswitchd);
      stop(db);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    links.addAll(bridges);
    for (String link : links) {
      if (Files.exists(Path.of("/sys/class/net", link))) {
        quietly(problems, "ip", "link", "del", link);
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      problems.add("cannot delete " + dir + ": " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("cleaning up Open vSwitch: " + problems);
    }
  }

  private void quietly(List<String> problems, String... command) {
    try {
      run(command);
    } catch (IOException e) {
      problems.add(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
