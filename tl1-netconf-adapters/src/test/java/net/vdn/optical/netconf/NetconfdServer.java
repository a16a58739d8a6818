package net.vdn.optical.netconf;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.vdn.testsupport.FreePorts;
import net.vdn.testsupport.Programs;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.Assumptions;

/**
 * A real NETCONF server for tests: yuma123's {@code netconfd} loaded with the project's YANG
 * module, behind an OpenSSH {@code sshd} of its own (own config, own host key, a key generated for
 * the test user) that runs the netconf subsystem, both on a free loopback port. Everything lives in
 * a temporary directory deleted on {@link #close()}; only the processes started here are stopped.
 *
 * <pre>{@code
 * NetconfdServer.assumeAvailable();
 * try (var server = NetconfdServer.start(NetconfdServer.Target.CANDIDATE);
 *     var client = NetconfClient.start();
 *     var session = client.connect(server.options().build())) { ... }
 * }</pre>
 */
public final class NetconfdServer implements AutoCloseable {
  /** Which datastore edit-config targets: candidate (with commit) or running. */
  public enum Target {
    CANDIDATE,
    RUNNING
  }

  private static final String YANG_RESOURCE = "/yang/vdn-optical.yang";

  private final Path dir;
  private final int port;
  private final String user;
  private final KeyPair clientKey;
  private final PublicKey hostKey;
  private final List<Process> processes = new ArrayList<>();

  private NetconfdServer(Path dir, int port, String user, KeyPair clientKey, PublicKey hostKey) {
    this.dir = dir;
    this.port = port;
    this.user = user;
    this.clientKey = clientKey;
    this.hostKey = hostKey;
  }

  /** What is missing to run the server here, or empty when everything is. */
  public static Optional<String> missing() {
    if (Programs.find("netconfd").isEmpty()) {
      return Optional.of("netconfd not on PATH (Debian package netconfd)");
    }
    if (Programs.find("sshd").isEmpty()) {
      return Optional.of("sshd not found in /usr/sbin (Debian package openssh-server)");
    }
    if (Programs.find("netconf-subsystem").isEmpty()) {
      return Optional.of("netconf-subsystem not found in /usr/sbin (Debian package netconfd)");
    }
    if (Programs.find("ssh-keygen").isEmpty()) {
      return Optional.of("ssh-keygen not on PATH (Debian package openssh-client)");
    }
    Path privsep = Path.of("/run/sshd");
    if (!Files.isDirectory(privsep)) {
      try {
        Files.createDirectories(privsep);
      } catch (IOException e) {
        return Optional.of("sshd needs its privilege separation directory /run/sshd: " + e);
      }
    }
    return Optional.empty();
  }

  /** Skips the calling test, naming what is missing, when the server cannot run here. */
  public static void assumeAvailable() {
    Optional<String> m = missing();
    Assumptions.assumeTrue(m.isEmpty(), () -> m.orElse(""));
  }

  /** Starts sshd and netconfd and waits until both accept connections. */
  public static NetconfdServer start(Target target) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("netconfd-");
    NetconfdServer server = null;
    try {
      Path yang = dir.resolve("vdn-optical.yang");
      try (InputStream in = NetconfdServer.class.getResourceAsStream(YANG_RESOURCE)) {
        if (in == null) {
          throw new IOException(YANG_RESOURCE + " is not on the class path");
        }
        Files.copy(in, yang);
      }
      Programs.run(
          new ProcessBuilder(
                  "ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", "host_key")
              .directory(dir.toFile()));
      PublicKey hostKey = readPublicKey(dir.resolve("host_key.pub"));
      KeyPair clientKey = newClientKey();
      Files.writeString(
          dir.resolve("authorized_keys"), PublicKeyEntry.toString(clientKey.getPublic()) + "\n");
      String user = System.getProperty("user.name");
      int port = FreePorts.tcp();
      server = new NetconfdServer(dir, port, user, clientKey, hostKey);
      Path socket = dir.resolve("ncxserver.sock");
      Files.writeString(
          dir.resolve("sshd_config"),
          String.join(
              "\n",
              "Port " + port,
              "ListenAddress 127.0.0.1",
              "HostKey " + dir.resolve("host_key"),
              "PidFile none",
              "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
              "PermitRootLogin prohibit-password",
              "PasswordAuthentication no",
              "KbdInteractiveAuthentication no",
              "UsePAM no",
              "StrictModes no",
              "Subsystem netconf "
                  + Programs.find("netconf-subsystem").orElseThrow()
                  + " --ncxserver-sockname="
                  + port
                  + "@"
                  + socket,
              ""));
      server.launch(
          "netconfd.out",
          Programs.find("netconfd").orElseThrow().toString(),
          "--module=" + yang,
          "--no-startup",
          "--home=" + dir,
          "--port=" + port,
          "--ncxserver-sockname=" + socket,
          "--superuser=" + user,
          "--target=" + target.name().toLowerCase(),
          "--log=" + dir.resolve("netconfd.log"),
          "--log-level=info");
      server.launch(
          "sshd.log",
          Programs.find("sshd").orElseThrow().toString(),
          "-D",
          "-e",
          "-f",
          dir.resolve("sshd_config").toString());
      server.awaitReady(socket, Duration.ofSeconds(15));
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (server != null) {
        server.close();
      } else {
        deleteTree(dir);
      }
      throw e;
    }
  }

  /** Client options for this server: loopback, its port, the test user's key, its host key. */
  public NetconfClientOptions.Builder options() {
    return NetconfClientOptions.builder("127.0.0.1", port, user)
        .keyPair(clientKey)
        .hostKey(hostKey);
  }

  public int port() {
    return port;
  }

  public String user() {
    return user;
  }

  /** netconfd's log, for a failing test to show. */
  public String log() {
    try {
      return Files.readString(dir.resolve("netconfd.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void launch(String output, String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("HOME", dir.toString());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve(output).toFile());
    processes.add(pb.start());
  }

  private void awaitReady(Path socket, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IOException(
              p.info().command().orElse("a server process")
                  + " exited with "
                  + p.exitValue()
                  + ": "
                  + tail("netconfd.out")
                  + tail("sshd.log")
                  + tail("netconfd.log"));
        }
      }
      if (Files.exists(socket) && accepts(port)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IOException("netconfd and sshd not ready within " + timeout.toMillis() + " ms");
  }

  private String tail(String file) {
    try {
      String s = Files.readString(dir.resolve(file));
      return "\n[" + file + "] " + s.substring(Math.max(0, s.length() - 2000));
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops sshd (and the sessions it forked) and netconfd, then deletes the directory. */
  @Override
  public void close() {
    for (Process p : processes.reversed()) {
      List<ProcessHandle> children = p.descendants().toList();
      p.destroy();
      children.forEach(ProcessHandle::destroy);
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      children.forEach(
          c -> {
            if (c.isAlive()) {
              c.destroyForcibly();
            }
          });
    }
    deleteTree(dir);
  }

  private static KeyPair newClientKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PublicKey readPublicKey(Path file) throws IOException {
    try {
      return PublicKeyEntry.parsePublicKeyEntry(Files.readString(file).trim())
          .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read " + file, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Nothing left to clean.
    }
  }
}
