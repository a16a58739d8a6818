package net.vdn.p4runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * BMv2's {@code simple_switch_grpc}, started with {@code --no-p4} for one test class. As root, it
 * runs in a network namespace of its own with ports 1 and 2 on the two ends of a veth pair (so a
 * packet sent out of port 1 comes back in on port 2) and serves gRPC on a Unix socket; otherwise it
 * runs without ports on a loopback TCP port.
 */
public final class Bmv2Target implements TargetUnderTest {
  public static final String BINARY = "simple_switch_grpc";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final List<String> command;
  private final String grpcTarget;
  private final String namespace;
  private final Path workDir;
  private final String whyNoPorts;
  private Process process;

  private Bmv2Target(
      List<String> command, String grpcTarget, String namespace, Path workDir, String whyNoPorts) {
    this.command = List.copyOf(command);
    this.grpcTarget = grpcTarget;
    this.namespace = namespace;
    this.workDir = workDir;
    this.whyNoPorts = whyNoPorts;
  }

  public static Bmv2Target start() throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("vdn-bmv2-");
    String id = ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    List<String> bmv2 = new ArrayList<>(List.of(BINARY, "--device-id", "1", "--no-p4"));
    String namespace = null;
    String target;
    String whyNoPorts = null;
    if (Tools.isRoot() && Tools.onPath("ip")) {
      namespace = "vdnbm" + id;
      Tools.run("ip", "netns", "add", namespace);
      Tools.inNamespace(namespace, "ip", "link", "set", "lo", "up");
      Tools.inNamespace(namespace, "ip", "link", "add", "p1", "type", "veth", "peer", "name", "p2");
      for (String p : List.of("p1", "p2")) {
        Tools.inNamespace(namespace, "sysctl", "-qw", "net.ipv6.conf." + p + ".disable_ipv6=1");
        Tools.inNamespace(namespace, "ip", "link", "set", p, "up");
      }
      target = "unix://" + work.resolve("grpc.sock");
      bmv2.addAll(0, List.of("ip", "netns", "exec", namespace));
      bmv2.addAll(List.of("-i", "1@p1", "-i", "2@p2", "--thrift-port", "9090"));
    } else {
      target = "127.0.0.1:" + Tools.freePort();
      bmv2.addAll(List.of("--thrift-port", String.valueOf(Tools.freePort())));
      whyNoPorts = "BMv2 ports need network namespaces and veth pairs, which need root";
    }
    bmv2.addAll(List.of("--notifications-addr", "ipc://" + work.resolve("notifications.ipc")));
    bmv2.addAll(List.of("--", "--grpc-server-addr", target, "--cpu-port", "255"));
    Bmv2Target t = new Bmv2Target(bmv2, target, namespace, work, whyNoPorts);
    try {
      t.process = t.launch();
      Tools.awaitGrpc(target, t.process, t.log());
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e;
    }
    return t;
  }

  private Process launch() throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
        .start();
  }

  /** Stops the switch process (its namespace and ports stay) and starts it again alike. */
  @Override
  public void restart(Duration down) throws Exception {
    Tools.stop(process, null);
    Thread.sleep(down.toMillis());
    process = launch();
    Tools.awaitListening(grpcTarget, Duration.ofSeconds(20));
  }

  @Override
  public String grpcTarget() {
    return grpcTarget;
  }

  @Override
  public long deviceId() {
    return 1;
  }

  @Override
  public boolean hasLoopedPorts() {
    return namespace != null;
  }

  @Override
  public String whyNoPorts() {
    return whyNoPorts;
  }

  public Path log() {
    return workDir.resolve("bmv2.log");
  }

  @Override
  public void close() {
    if (process != null) {
      Tools.stop(process, namespace);
    } else if (namespace != null) {
      try {
        Tools.run("ip", "netns", "del", namespace);
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("cannot delete netns " + namespace, e);
      }
    }
  }

  @Override
  public String toString() {
    return "BMv2 at " + grpcTarget + (namespace == null ? "" : " in netns " + namespace);
  }
}
