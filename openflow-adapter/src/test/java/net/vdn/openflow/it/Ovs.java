package net.vdn.openflow.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.vdn.packet.Ipv4Address;
import net.vdn.testsupport.Namespace;
import net.vdn.testsupport.NetworkNamespaces;
import net.vdn.testsupport.Programs;

/**
 * Open vSwitch for tests: its own ovsdb-server and ovs-vswitchd (userspace datapath) with a private
 * run, database and log directory, bridges whose controller is a local listener, and hosts in
 * network namespaces joined to bridge ports by veth pairs. Everything it made is removed by {@link
 * #close}, and only the processes it started are stopped, by their handles.
 */
public final class Ovs implements AutoCloseable {
  private static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";

  private final Path dir;
  private final Map<String, String> env = new HashMap<>();
  private final NetworkNamespaces namespaces = new NetworkNamespaces();
  private final List<String> bridges = new ArrayList<>();
  private Process db;
  private Process vswitchd;

  /** A host: its namespace, its interface there, address and MAC, and the bridge port it is on. */
  public record Host(Namespace namespace, String ifname, String ip, String mac, int port) {}

  /** Skips the calling test, naming what is missing, unless OVS and root are here. */
  public static void assumeAvailable() {
    for (String tool :
        List.of("ovsdb-tool", "ovsdb-server", "ovs-vswitchd", "ovs-vsctl", "ovs-ofctl")) {
      assumeTrue(
          Programs.onPath(tool),
          tool + " not on PATH (Debian package openvswitch-switch, installed by .ci/run)");
    }
    assumeTrue(Files.exists(Path.of(SCHEMA)), SCHEMA + " is missing (openvswitch-switch)");
    NetworkNamespaces.assumeAvailable();
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
    run("ovsdb-tool", "create", dir.resolve("conf.db").toString(), SCHEMA);
    db =
        spawn(
            "ovsdb-server",
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
  public String bridge(long dpid, String controller) throws IOException, InterruptedException {
    String name = NetworkNamespaces.uniqueName("vobr");
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
    LooseHost loose = looseHost(ip);
    vsctl(
        "--timeout=20",
        "add-port",
        bridge,
        loose.outside(),
        "--",
        "set",
        "interface",
        loose.outside(),
        "ofport_request=" + port);
    Host h = loose.host();
    return new Host(h.namespace(), h.ifname(), h.ip(), h.mac(), port);
  }

  /** Joins two bridges with a veth pair on the given ports (a trunk between two switches). */
  public void link(String bridgeA, int portA, String bridgeB, int portB)
      throws IOException, InterruptedException {
    String a = NetworkNamespaces.uniqueName("vot");
    String b = a + "p";
    namespaces.initial().veth(a, namespaces.initial(), b);
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
    List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=" + db()));
    cmd.addAll(List.of(args));
    return run(cmd.toArray(String[]::new));
  }

  public String ofctl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13"));
    cmd.addAll(List.of(args));
    return run(cmd.toArray(String[]::new));
  }

  /** A host in a namespace of its own whose veth's other end is on no bridge. */
  public record LooseHost(Host host, String outside) {}

  /**
   * A host as {@link #host} makes one (in a namespace without IPv6, whose neighbour discovery would
   * add frames the isolation checks have to ignore), but its outside end is left for the caller to
   * bind.
   */
  public LooseHost looseHost(String ip) throws IOException, InterruptedException {
    Namespace ns = namespaces.create("vons");
    String outside = NetworkNamespaces.uniqueName("vov");
    String inside = outside + "h";
    namespaces.initial().veth(outside, ns, inside);
    ns.address(inside, Ipv4Address.parse(ip), 24);
    if (Programs.onPath("ethtool")) {
      // Checksums of locally sent TCP are left to the NIC on a veth; nothing fills them in on
      // the way through a userspace switch, so the namespace computes them itself.
      ns.exec("ethtool", "-K", inside, "tx", "off");
    }
    String mac = ns.mac(inside).toString();
    return new LooseHost(new Host(ns, inside, ip, mac, -1), outside);
  }

  /** Whether {@code from} gets replies to pings of {@code to}. */
  public boolean ping(Host from, Host to, int count) throws InterruptedException, IOException {
    Process p =
        new ProcessBuilder(
                from.namespace().command("ping", "-c", "" + count, "-i", "0.2", "-W", "1", to.ip()))
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  public String inNamespace(Namespace ns, String... command)
      throws IOException, InterruptedException {
    return ns.exec(command);
  }

  /** Starts a process in a namespace; {@link #close} stops it, or the caller with {@link #stop}. */
  Process spawnIn(Namespace ns, Path log, String... command) throws IOException {
    return ns.start(log, command);
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

  /** Starts an OVS daemon with this instance's directories in its environment. */
  private Process spawn(String daemon, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Programs.find(daemon).map(Path::toString).orElse(daemon));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(daemon + ".out").toFile());
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

  /** Runs an OVS program with this instance's directories in its environment. */
  String run(String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    return Programs.run(pb);
  }

  static void stop(Process p) {
    Programs.stop(p);
  }

  @Override
  public void close() {
    List<String> problems = new ArrayList<>();
    if (vswitchd != null && vswitchd.isAlive()) {
      for (String bridge : bridges) {
        // The userspace datapath made a tap device for the bridge; deleting the bridge removes it.
        quietly(problems, "ovs-vsctl", "--db=" + db(), "--timeout=20", "del-br", bridge);
      }
    }
    stop(vswitchd);
    stop(db);
    try {
      namespaces.close();
    } catch (IllegalStateException e) {
      problems.add(e.getMessage());
    }
    for (String bridge : bridges) {
      if (Files.exists(Path.of("/sys/class/net", bridge))) {
        quietly(problems, "ip", "link", "del", bridge);
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
