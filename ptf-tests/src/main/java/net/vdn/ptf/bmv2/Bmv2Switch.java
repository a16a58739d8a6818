package net.vdn.ptf.bmv2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.vdn.p4runtime.it.Tools;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.ReceivedFrame;

/**
 * BMv2's {@code simple_switch_grpc}: P4Runtime on one gRPC socket and frames in and out of its
 * ports through its dataplane gRPC service on another: no network interface is needed. As root it
 * runs in a network namespace of its own (so instances never share a Thrift port) with both
 * services on Unix sockets; otherwise on loopback TCP ports.
 */
public final class Bmv2Switch implements DataplaneTarget {
  public static final String BINARY = "simple_switch_grpc";
  public static final int CPU_PORT = 255;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Process process;
  private final String p4runtimeAddress;
  private final String namespace;
  private final Path workDir;
  private final Bmv2DataplaneClient dataplane;

  private Bmv2Switch(
      Process process,
      String p4runtimeAddress,
      String namespace,
      Path workDir,
      Bmv2DataplaneClient dataplane) {
    this.process = process;
    this.p4runtimeAddress = p4runtimeAddress;
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
    String id = ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    List<String> command = new ArrayList<>(List.of(BINARY, "--device-id", "1"));
    String namespace = null;
    String p4rt;
    String dp;
    if (Tools.isRoot() && Tools.onPath("ip")) {
      namespace = "vdnptf" + id;
      Tools.run("ip", "netns", "add", namespace);
      Tools.inNamespace(namespace, "ip", "link", "set", "lo", "up");
      command.addAll(0, List.of("ip", "netns", "exec", namespace));
      command.addAll(List.of("--thrift-port", "9090"));
      p4rt = "unix://" + work.resolve("p4rt.sock");
      dp = "unix://" + work.resolve("dataplane.sock");
    } else {
      command.addAll(List.of("--thrift-port", String.valueOf(Tools.freePort())));
      p4rt = "127.0.0.1:" + Tools.freePort();
      dp = "127.0.0.1:" + Tools.freePort();
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
    Path log = work.resolve("bmv2.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Bmv2DataplaneClient client = new Bmv2DataplaneClient(dp, 1);
    Bmv2Switch sw = new Bmv2Switch(process, p4rt, namespace, work, client);
    try {
      Tools.awaitGrpc(p4rt, process, log);
      for (int port = 1; port <= ports; port++) {
        client.portUp(port);
      }
    } catch (IOException | RuntimeException e) {
      sw.close();
      throw e;
    }
    return sw;
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
    Tools.stop(process, namespace);
  }

  @Override
  public String toString() {
    return "BMv2 at " + p4runtimeAddress + (namespace == null ? "" : " in netns " + namespace);
  }
}
