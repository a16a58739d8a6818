package net.vdn.controller.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.Http;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.Programs;

/**
 * An etcd cluster, an emulated network and several controllers sharing them: controllers in this
 * JVM (fast to start, stopped by closing them), or in JVMs of their own (to be killed with -9).
 */
public final class ClusterFixture implements AutoCloseable {
  public final EtcdMembers etcd;
  public final EmulatedNetwork net;
  private final Path dir;
  private final Map<String, Controller> inProcess = new LinkedHashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Http> apis = new TreeMap<>();
  private Duration lease = Duration.ofSeconds(1);
  private Duration failureTimeout = Duration.ofMillis(800);

  private ClusterFixture(EtcdMembers etcd, EmulatedNetwork net, Path dir) {
    this.etcd = etcd;
    this.net = net;
    this.dir = dir;
  }

  public static ClusterFixture start(int etcdMembers, Topology topology, Path dir)
      throws Exception {
    EtcdMembers etcd = EtcdMembers.start(etcdMembers, dir);
    try {
      return new ClusterFixture(etcd, EmulatedNetwork.start(topology, 0), dir);
    } catch (Exception | Error e) {
      etcd.close();
      throw e;
    }
  }

  public List<DeviceConfig> devices() {
    List<DeviceConfig> out = new ArrayList<>();
    for (Topology.Switch s : net.topology().switches()) {
      out.add(DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId()));
    }
    return out;
  }

  /**
   * The timings every test controller uses: quick heartbeats, under a second to fail over, unless a
   * test sets others (for controllers started after).
   */
  public ClusterConfig config(String member) {
    return new ClusterConfig(
        member,
        etcd.endpoints(),
        "/vdn/",
        lease,
        Duration.ofMillis(100),
        failureTimeout,
        Duration.ofSeconds(3));
  }

  /** Sets the lease and failure timeout of the controllers started from now on. */
  public ClusterFixture timings(Duration lease, Duration failureTimeout) {
    this.lease = lease;
    this.failureTimeout = failureTimeout;
    return this;
  }

  public ControllerOptions options(String member) {
    return ControllerOptions.inMemory()
        .withRest("127.0.0.1", 0)
        .withDiscoveryInterval(Duration.ofMillis(200))
        .withDevices(devices())
        .withCluster(config(member));
  }

  /** Starts a controller in this JVM. */
  public Controller startHere(String member) {
    return startHere(options(member));
  }

  public Controller startHere(ControllerOptions options) {
    Controller c = Controller.start(options);
    inProcess.put(options.cluster().member(), c);
    apis.put(options.cluster().member(), new Http(c.restPort()));
    return c;
  }

  /** Starts a controller in a JVM of its own, with this test's class path. */
  public void startProcess(String member) throws IOException, InterruptedException {
    Path portFile = dir.resolve(member + ".port");
    Files.deleteIfExists(portFile);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-D" + ControllerProcess.LEASE_MS + "=" + lease.toMillis());
    command.add("-D" + ControllerProcess.FAILURE_TIMEOUT_MS + "=" + failureTimeout.toMillis());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ControllerProcess.class.getName());
    command.add(member);
    command.add(String.join(",", etcd.endpoints()));
    command.add(portFile.toString());
    for (DeviceConfig d : devices()) {
      command.add(d.name() + "=" + d.p4runtime() + "#" + d.deviceId());
    }
    Process p = Programs.start(dir.resolve(member + ".log"), command.toArray(String[]::new));
    processes.put(member, p);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "controller "
                + member
                + " did not start: "
                + Files.readString(dir.resolve(member + ".log")));
      }
      Thread.sleep(50);
    }
    apis.put(member, new Http(Integer.parseInt(Files.readString(portFile).strip())));
  }

  /** Kills a controller's JVM at once (SIGKILL): nothing of it is closed. */
  public void kill(String member) throws InterruptedException {
    Process p = processes.remove(member);
    p.destroyForcibly().waitFor();
    apis.remove(member);
  }

  /** Stops a controller of this JVM in order (it leaves the cluster). */
  public void stopHere(String member) {
    Controller c = inProcess.remove(member);
    apis.remove(member);
    c.close();
  }

  public Controller here(String member) {
    return inProcess.get(member);
  }

  public Http api(String member) {
    return apis.get(member);
  }

  public Map<String, Http> apis() {
    return apis;
  }

  /** GET /cluster through a member. */
  public JsonNode cluster(String through) {
    return api(through).get("/api/v1/cluster").json();
  }

  /** Each device's master and term, as a member sees them, for devices whose master is ready. */
  public Map<String, String> readyMasters(String through) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode m : cluster(through).get("masters")) {
      if (m.get("ready").asBoolean()) {
        out.put(m.get("device").asText(), m.get("master").asText());
      }
    }
    return out;
  }

  public long term(String through, String device) {
    for (JsonNode m : cluster(through).get("masters")) {
      if (m.get("device").asText().equals(device)) {
        return m.get("term").asLong();
      }
    }
    return 0;
  }

  public String master(String through, String device) {
    for (JsonNode m : cluster(through).get("masters")) {
      if (m.get("device").asText().equals(device) && !m.get("master").isNull()) {
        return m.get("master").asText();
      }
    }
    return null;
  }

  /**
   * Waits until every device has a ready master among {@code members}, each of them mastering some
   * (the cluster has rebalanced).
   */
  public void awaitMastered(String through, List<String> members, Duration timeout) {
    int n = net.topology().switches().size();
    ControllerFixture.await(
        () -> {
          Map<String, String> m = readyMasters(through);
          return m.size() == n
              && members.containsAll(m.values())
              && new java.util.HashSet<>(m.values()).size() == Math.min(n, members.size());
        },
        timeout,
        () -> "masters: " + cluster(through));
  }

  public void awaitLinks(String through, int directions, Duration timeout) {
    ControllerFixture.await(
        () -> api(through).get("/api/v1/links").json().size() == directions,
        timeout,
        () -> "links: " + api(through).get("/api/v1/links").text());
  }

  /** Controller options for members of a cluster on these etcd members, without a network. */
  public record Members(EtcdMembers etcd) {
    public ControllerOptions options(String member) {
      return ControllerOptions.inMemory()
          .withRest("127.0.0.1", 0)
          .withDiscoveryInterval(Duration.ofMillis(200))
          .withCluster(
              new ClusterConfig(
                  member,
                  etcd.endpoints(),
                  "/vdn/",
                  Duration.ofSeconds(1),
                  Duration.ofMillis(100),
                  Duration.ofMillis(800),
                  Duration.ofSeconds(3)));
    }
  }

  @Override
  public void close() {
    processes.values().forEach(Programs::stop);
    new ArrayList<>(inProcess.values()).forEach(Controller::close);
    net.close();
    etcd.close();
  }
}
