package net.vdn.p4runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;
import net.vdn.testsupport.FreePorts;
import net.vdn.testsupport.GrpcServers;
import net.vdn.testsupport.Namespace;
import net.vdn.testsupport.NetworkNamespaces;
import net.vdn.testsupport.Programs;

/**
 * BMv2's {@code simple_switch_grpc}, started with {@code --no-p4} for one test class. As root, it
 * runs in a network namespace of its own with ports 1 and 2 on the two ends of a veth pair (so a
 * packet sent out of port 1 comes back in on port 2) and serves gRPC on a Unix socket; otherwise it
 * runs without ports on a loopback TCP port.
 */
public final class Bmv2Target implements TargetUnderTest {
  public static final String BINARY = "simple_switch_grpc";

  private Process process;
  private final String[] command;
  private final Path log;
  private final String grpcTarget;
  private final NetworkNamespaces namespaces;
  private final Namespace namespace;
  private final Path workDir;
  private final String whyNoPorts;

  private Bmv2Target(
      Process process,
      String[] command,
      Path log,
      String grpcTarget,
      NetworkNamespaces namespaces,
      Namespace namespace,
      Path workDir,
      String whyNoPorts) {
    this.process = process;
    this.command = command;
    this.log = log;
    this.grpcTarget = grpcTarget;
    this.namespaces = namespaces;
    this.namespace = namespace;
    this.workDir = workDir;
    this.whyNoPorts = whyNoPorts;
  }

  public static Bmv2Target start() throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("vdn-bmv2-");
    Path log = work.resolve("bmv2.log");
    List<String> bmv2 = new ArrayList<>(List.of(BINARY, "--device-id", "1", "--no-p4"));
    NetworkNamespaces namespaces = null;
    Namespace namespace = null;
    String target;
    String whyNoPorts = null;
    Bmv2Target t = null;
    try {
      if (NetworkNamespaces.available()) {
        namespaces = new NetworkNamespaces();
        namespace = namespaces.create("vdnbm");
        namespace.veth("p1", namespace, "p2");
        target = "unix://" + work.resolve("grpc.sock");
        bmv2.addAll(List.of("-i", "1@p1", "-i", "2@p2", "--thrift-port", "9090"));
      } else {
        target = "127.0.0.1:" + FreePorts.tcp();
        bmv2.addAll(List.of("--thrift-port", String.valueOf(FreePorts.tcp())));
        whyNoPorts = "BMv2 ports need network namespaces and veth pairs, which need root";
      }
      bmv2.addAll(List.of("--notifications-addr", "ipc://" + work.resolve("notifications.ipc")));
      bmv2.addAll(List.of("--", "--grpc-server-addr", target, "--cpu-port", "255"));
      String[] command = bmv2.toArray(String[]::new);
      Process process =
          namespace != null ? namespace.start(log, command) : Programs.start(log, command);
      t = new Bmv2Target(process, command, log, target, namespaces, namespace, work, whyNoPorts);
      GrpcServers.await(
          target, P4RuntimeGrpc.getCapabilitiesMethod().getFullMethodName(), process, log);
      return t;
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (t != null) {
        t.close();
      } else if (namespaces != null) {
        namespaces.close();
      }
      throw e;
    }
  }

  /** Stops the switch process (its namespace and ports stay) and starts it again alike. */
  @Override
  public void restart(Duration down) throws Exception {
    Programs.stop(process);
    Thread.sleep(down.toMillis());
    process = namespace != null ? namespace.start(log, command) : Programs.start(log, command);
    GrpcServers.awaitListening(grpcTarget, Duration.ofSeconds(20));
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
    Programs.stop(process);
    if (namespaces != null) {
      namespaces.close();
    }
  }

  @Override
  public String toString() {
    return "BMv2 at " + grpcTarget + (namespace == null ? "" : " in netns " + namespace.name());
  }
}
