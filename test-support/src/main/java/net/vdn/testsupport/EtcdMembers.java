package net.vdn.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * An etcd cluster of a test's own: {@code n} members of Debian's {@code etcd} on loopback ports,
 * data in a directory the test gives, quick elections (50 ms heartbeats, 500 ms election timeout,
 * so that leases of one second are allowed), revisions compacted as they pile up. Members are
 * killed, stopped and started by their process handles; {@link #close} stops exactly the members it
 * started.
 */
public final class EtcdMembers implements AutoCloseable {
  /** How a test names the requirement: {@code @RequiresBinary(value = "etcd", howToGet = ...)}. */
  public static final String HOW_TO_GET =
      "install Debian's etcd-server (apt-get install etcd-server)";

  private final Path dir;
  private final int[] clientPorts;
  private final int[] peerPorts;
  private final Process[] processes;
  private final String cluster;

  private EtcdMembers(Path dir, int n) throws IOException {
    this.dir = dir;
    this.clientPorts = new int[n];
    this.peerPorts = new int[n];
    this.processes = new Process[n];
    StringJoiner c = new StringJoiner(",");
    for (int i = 0; i < n; i++) {
      clientPorts[i] = FreePorts.tcp();
      peerPorts[i] = FreePorts.tcp();
      c.add(name(i) + "=http://127.0.0.1:" + peerPorts[i]);
    }
    this.cluster = c.toString();
  }

  /** Starts {@code n} members and waits until the cluster answers. */
  public static EtcdMembers start(int n, Path dir) throws IOException, InterruptedException {
    EtcdMembers m = new EtcdMembers(dir, n);
    try {
      for (int i = 0; i < n; i++) {
        m.launch(i, "new");
      }
      m.awaitHealthy(Duration.ofSeconds(20));
    } catch (IOException | InterruptedException | RuntimeException e) {
      m.close();
      throw e;
    }
    return m;
  }

  private static String name(int i) {
    return "m" + i;
  }

  private void launch(int i, String state) throws IOException {
    Path data = dir.resolve(name(i));
    Files.createDirectories(data);
    String client = "http://127.0.0.1:" + clientPorts[i];
    String peer = "http://127.0.0.1:" + peerPorts[i];
    processes[i] =
        Programs.start(
            dir.resolve(name(i) + ".log"),
            "etcd",
            "--name",
            name(i),
            "--data-dir",
            data.toString(),
            "--listen-client-urls",
            client,
            "--advertise-client-urls",
            client,
            "--listen-peer-urls",
            peer,
            "--initial-advertise-peer-urls",
            peer,
            "--initial-cluster",
            cluster,
            "--initial-cluster-state",
            state,
            "--initial-cluster-token",
            "vdn-test-" + dir.getFileName(),
            "--heartbeat-interval",
            "50",
            "--election-timeout",
            "500",
            "--auto-compaction-mode",
            "revision",
            "--auto-compaction-retention",
            "10000",
            "--log-level",
            "warn",
            "--logger",
            "zap");
  }

  /** The client URLs of every member, started or not. */
  public List<String> endpoints() {
    List<String> out = new ArrayList<>();
    for (int port : clientPorts) {
      out.add("http://127.0.0.1:" + port);
    }
    return out;
  }

  public String endpoint(int i) {
    return "http://127.0.0.1:" + clientPorts[i];
  }

  public int size() {
    return processes.length;
  }

  /** Kills a member at once (SIGKILL), as a crash would. */
  public void kill(int i) throws InterruptedException {
    Process p = processes[i];
    if (p != null && p.isAlive()) {
      p.destroyForcibly().waitFor();
    }
  }

  /** Starts a member again (after {@link #kill}), on its data. */
  public void restart(int i) throws IOException {
    if (processes[i] != null && processes[i].isAlive()) {
      return;
    }
    launch(i, "existing");
  }

  /** Waits until a member answers its health check with a quorum behind it. */
  public void awaitHealthy(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < processes.length; i++) {
        if (processes[i] == null || !processes[i].isAlive()) {
          continue;
        }
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(endpoint(i) + "/health"))
                      .timeout(Duration.ofSeconds(1))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && r.body().contains("\"true\"")) {
            return;
          }
          last = r.body();
        } catch (IOException e) {
          last = e.toString();
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "etcd did not become healthy within " + timeout + ": " + last + "; logs in " + dir);
  }

  /** Stops every member this object started, by its handle. */
  @Override
  public void close() {
    for (Process p : processes) {
      Programs.stop(p);
    }
  }
}
