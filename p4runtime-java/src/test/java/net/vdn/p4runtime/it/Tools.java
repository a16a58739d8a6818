package net.vdn.p4runtime.it;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.proto.v1.CapabilitiesRequest;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;

/** Process and namespace helpers for tests that start real targets. */
public final class Tools {
  private Tools() {}

  public static boolean onPath(String binary) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }

  /** A TCP port that was free a moment ago, for a process that needs one on its command line. */
  public static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Stops a process a test started and deletes the network namespace it ran in, if any. */
  public static void stop(Process process, String namespace) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      if (namespace != null) {
        run("ip", "netns", "del", namespace);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(
          "cannot clean up after "
              + process.info().command().orElse("a process")
              + (namespace == null ? "" : " in netns " + namespace),
          e);
    }
  }

  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  public static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
    return out;
  }

  public static String inNamespace(String namespace, String... command)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    return run(full.toArray(String[]::new));
  }

  /**
   * Waits until something accepts connections at a gRPC target ("host:port" or "unix:///path"),
   * trying every few milliseconds; fails when nothing did within the timeout.
   */
  public static void awaitListening(String target, Duration timeout)
      throws IOException, InterruptedException {
    SocketAddress address =
        target.startsWith("unix://")
            ? UnixDomainSocketAddress.of(target.substring("unix://".length()))
            : new InetSocketAddress(
                target.substring(0, target.lastIndexOf(':')),
                Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (SocketChannel probe = SocketChannel.open(address)) {
        return;
      } catch (IOException e) {
        Thread.sleep(2);
      }
    }
    throw new IOException("nothing listens on " + target + " after " + timeout);
  }

  /** Waits until the target answers Capabilities; fails with its log when it died or never did. */
  public static void awaitGrpc(String target, Process process, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    ManagedChannel channel =
        Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    try {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException(
              "target exited with " + process.exitValue() + ": " + Files.readString(log));
        }
        try {
          P4RuntimeGrpc.newBlockingStub(channel)
              .withDeadlineAfter(1, TimeUnit.SECONDS)
              .capabilities(CapabilitiesRequest.getDefaultInstance());
          return;
        } catch (StatusRuntimeException e) {
          Thread.sleep(100);
        }
      }
      throw new IOException(
          "target did not answer on " + target + " within 20 s: " + Files.readString(log));
    } finally {
      channel.shutdownNow();
    }
  }
}
