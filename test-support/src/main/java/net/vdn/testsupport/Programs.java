package net.vdn.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * External programs a test runs: found on {@code PATH} (then in the system directories a user's
 * {@code PATH} often leaves out), run to completion with their output, or started in the background
 * and stopped by their handle.
 */
public final class Programs {
  /** Where administration programs ({@code ip}, {@code sshd}, {@code ethtool}) usually live. */
  private static final List<String> SYSTEM_DIRS =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private static final long RUN_TIMEOUT_SECONDS = 60;
  private static final long STOP_TIMEOUT_SECONDS = 5;

  private Programs() {}

  /**
   * The executable named {@code program}: the first on {@code PATH}, else in a system directory.
   */
  public static Optional<Path> find(String program) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(SYSTEM_DIRS);
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Whether {@link #find} finds {@code program}. */
  public static boolean onPath(String program) {
    return find(program).isPresent();
  }

  /** Whether this JVM runs as root (network namespaces, veth pairs and raw sockets need it). */
  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs a command to completion and returns its output (standard output and error). */
  public static String run(String... command) throws IOException, InterruptedException {
    return run(new ProcessBuilder(command));
  }

  /**
   * Runs a prepared command (its directory and environment as set) to completion and returns its
   * output; a command that fails or outlives a minute raises an {@link IOException} with its
   * output. A program named without a directory is looked up as {@link #find} does.
   */
  public static String run(ProcessBuilder command) throws IOException, InterruptedException {
    resolve(command);
    Process p = command.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(
          String.join(" ", command.command())
              + " did not finish within "
              + RUN_TIMEOUT_SECONDS
              + " s: "
              + out.strip());
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command.command())
              + " failed (exit "
              + p.exitValue()
              + "): "
              + out.strip());
    }
    return out;
  }

  /** Starts a command in the background, its output (standard output and error) to {@code log}. */
  public static Process start(Path log, String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    resolve(pb);
    return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * Stops a process a test started, by its handle: asked to terminate, then killed when it is still
   * there after five seconds. Does nothing for a process that already ended, or for null.
   */
  public static void stop(Process process) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Replaces a bare program name by where {@link #find} finds it, so both agree. */
  private static void resolve(ProcessBuilder pb) {
    List<String> command = pb.command();
    if (command.isEmpty() || command.getFirst().contains("/")) {
      return;
    }
    find(command.getFirst())
        .ifPresent(
            p -> {
              List<String> resolved = new ArrayList<>(command);
              resolved.set(0, p.toString());
              pb.command(resolved);
            });
  }
}
