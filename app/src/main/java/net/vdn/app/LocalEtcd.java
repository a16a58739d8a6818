package net.vdn.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A one-member etcd of the main job's own, for a cluster on one machine: Debian's {@code etcd} from
 * PATH, its data in a directory beside the job's store, on loopback ports, with elections quick
 * enough for one-second leases. Stopped with the job (its data stays: the cluster's state).
 */
final class LocalEtcd implements AutoCloseable {
  private final Process process;
  private final String endpoint;

  private LocalEtcd(Process process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The etcd program on PATH, if any. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "etcd");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Starts etcd on {@code clientPort} (its peer port the next one up) with data in {@code dir}. */
  static LocalEtcd start(Path etcd, Path dir, int clientPort)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + (clientPort + 1);
    Process p =
        new ProcessBuilder(
                etcd.toString(),
                "--name",
                "vdn",
                "--data-dir",
                dir.resolve("data").toString(),
                "--listen-client-urls",
                client,
                "--advertise-client-urls",
                client,
                "--listen-peer-urls",
                peer,
                "--initial-advertise-peer-urls",
                peer,
                "--initial-cluster",
                "vdn=" + peer,
                "--heartbeat-interval",
                "50",
                "--election-timeout",
                "500",
                "--auto-compaction-mode",
                "revision",
                "--auto-compaction-retention",
                "10000",
                "--logger",
                "zap",
                "--log-level",
                "warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("etcd.log").toFile())
            .start();
    LocalEtcd e = new LocalEtcd(p, client);
    try {
      e.awaitHealthy(Duration.ofSeconds(20), dir.resolve("etcd.log"));
    } catch (IOException | InterruptedException | RuntimeException x) {
      e.close();
      throw x;
    }
    return e;
  }

  String endpoint() {
    return endpoint;
  }

  private void awaitHealthy(Duration timeout, Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd stopped: " + Files.readString(log).strip());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(endpoint + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"true\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("etcd did not answer within " + timeout + "; see " + log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
