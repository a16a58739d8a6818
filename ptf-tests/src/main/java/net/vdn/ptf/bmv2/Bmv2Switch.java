package net.vdn.ptf.bmv2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.ReceivedFrame;
import net.vdn.testsupport.FreePorts;
import net.vdn.testsupport.GrpcServers;
import net.vdn.testsupport.Namespace;
import net.vdn.testsupport.NetworkNamespaces;
import net.vdn.testsupport.Programs;

/**
 * BMv2's {@code simple_switch_grpc}: P4Runtime on one gRPC socket and frames in and out of its
 * ports through its dataplane gRPC service on another: no network interface is needed. As root it
 * runs in a network namespace of its own (so instances never share a Thrift port) with both
 * services on Unix sockets; otherwise on loopback TCP ports.
 */
public final class Bmv2Switch implements DataplaneTarget {
  public static final String BINARY = "simple_switch_grpc";
  public static final int CPU_PORT = 255;

  private final Process process;
  private final String p4runtimeAddress;
  private final NetworkNamespaces namespaces;
  private final Namespace namespace;
  private final Path workDir;
  private final Bmv2DataplaneClient dataplane;

  private Bmv2Switch(
      Process process,
      String p4runtimeAddress,
      NetworkNamespaces namespaces,
      Namespace namespace,
      Path workDir,
      Bmv2DataplaneClient dataplane) {
    this.process = process;
    this.p4runtimeAddress = p4runtimeAddress;
    this.namespaces = namespaces;
    this.namespace = namespace;
    this.workDir = workDir;
    this.dataplane = dataplane;
  }

  /**
   * Starts a switch running {@code program} (a BMv2 JSON; P4Runtime replaces it with the pipeline
   * it pushes) whose data ports 1..{@code ports} are up. BMv2 serves its packet stream only once it
   * runs a program, and a switch started with {@code --no-p4} would refuse it until the first
   * pipeline push: starting with a program lets the stream open at once.
   */
  public static Bmv2Switch start(Path program, int ports) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("vdn-ptf-bmv2-");
    Path log = work.resolve("bmv2.log");
    List<String> command = new ArrayList<>(List.of(BINARY, "--device-id", "1"));
    NetworkNamespaces namespaces = null;
    Namespace namespace = null;
    String p4rt;
    String dp;
    Bmv2Switch sw = null;
    try {
      if (NetworkNamespaces.available()) {
        namespaces = new NetworkNamespaces();
        namespace = namespaces.create("vdnptf");
        command.addAll(List.of("--thrift-port", "9090"));
        p4rt = "unix://" + work.resolve("p4rt.sock");
        dp = "unix://" + work.resolve("dataplane.sock");
      } else {
        command.addAll(List.of("--thrift-port", String.valueOf(FreePorts.tcp())));
        p4rt = "127.0.0.1:" + FreePorts.tcp();
        dp = "127.0.0.1:" + FreePorts.tcp();
      }
      command.addAll(List.of("--notifications-addr", "ipc://" + work.resolve("notifications.ipc")));
      command.addAll(
          List.of(
              program.toAbsolutePath().toString(),
              "--",
              "--grpc-server-addr",
              p4rt,
              "--dp-grpc-server-addr",
              dp,
              "--cpu-port",
              String.valueOf(CPU_PORT)));
      String[] line = command.toArray(String[]::new);
      Process process = namespace != null ? namespace.start(log, line) : Programs.start(log, line);
      Bmv2DataplaneClient client = new Bmv2DataplaneClient(dp, 1);
      sw = new Bmv2Switch(process, p4rt, namespaces, namespace, work, client);
      GrpcServers.await(
          p4rt, P4RuntimeGrpc.getCapabilitiesMethod().getFullMethodName(), process, log);
      for (int port = 1; port <= ports; port++) {
        client.portUp(port);
      }
      return sw;
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (sw != null) {
        sw.close();
      } else if (namespaces != null) {
        namespaces.close();
      }
      throw e;
    }
  }

  @Override
  public String p4runtimeAddress() {
    return p4runtimeAddress;
  }

  @Override
  public long deviceId() {
    return 1;
  }

  @Override
  public int cpuPort() {
    return CPU_PORT;
  }

  @Override
  public void receive(Consumer<ReceivedFrame> sink) {
    dataplane.open(sink);
  }

  @Override
  public void send(int port, byte[] frame) {
    dataplane.send(port, frame);
  }

  /** The switch's console output. */
  public Path log() {
    return workDir.resolve("bmv2.log");
  }

  @Override
  public void close() {
    dataplane.close();
    Programs.stop(process);
    if (namespaces != null) {
      namespaces.close();
    }
  }

  @Override
  public String toString() {
    return "BMv2 at "
        + p4runtimeAddress
        + (namespace == null ? "" : " in netns " + namespace.name());
  }
}
