package net.vdn.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * The network namespaces, veth pairs and processes one test makes. Names carry this JVM's pid, so
 * tests of builds running side by side do not collide; {@link #close} stops the processes started
 * here, then deletes the namespaces and the links made here, and nothing else.
 *
 * <pre>{@code
 * NetworkNamespaces.assumeAvailable();
 * try (var nets = new NetworkNamespaces()) {
 *   Namespace sw = nets.create("vdnsw");
 *   Namespace h1 = nets.create("vdnh1");
 *   sw.veth("p1", h1, "eth0");
 *   h1.address("eth0", Ipv4Address.parse("10.0.0.1"), 24);
 *   Process relay = sw.start(log, "socat", "INTERFACE:p1", "UDP4-DATAGRAM:127.0.0.1:41001");
 *   h1.exec("ping", "-c", "1", "10.0.0.2");
 * }
 * }</pre>
 */
public final class NetworkNamespaces implements AutoCloseable {
  /** The kernel's limit on an interface name's length. */
  private static final int MAX_INTERFACE_NAME = 15;

  private static final String PID = Long.toString(ProcessHandle.current().pid(), 36);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Namespace initial = new Namespace(this, null);
  private final List<Namespace> created = new ArrayList<>();
  private final List<String> links = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  /** What is missing to make namespaces and veth pairs here, or empty when nothing is. */
  public static Optional<String> missing() {
    if (!Programs.isRoot()) {
      return Optional.of("needs root for network namespaces and veth pairs");
    }
    if (!Programs.onPath("ip")) {
      return Optional.of("ip not on PATH (Debian package iproute2)");
    }
    return Optional.empty();
  }

  /** Whether namespaces and veth pairs can be made here. */
  public static boolean available() {
    return missing().isEmpty();
  }

  /** Skips the calling test, saying what is missing, unless namespaces can be made here. */
  public static void assumeAvailable() {
    Optional<String> m = missing();
    Assumptions.assumeTrue(m.isEmpty(), () -> m.orElse(""));
  }

  /**
   * A name no other call in this JVM, and no other JVM running now, gets: {@code prefix}, this
   * JVM's pid and a counter. Short enough for an interface name when the prefix has at most five
   * characters (a suffix of one more still fits).
   */
  public static String uniqueName(String prefix) {
    String name = prefix + PID + "-" + Integer.toString(COUNTER.getAndIncrement(), 36);
    if (name.length() > MAX_INTERFACE_NAME) {
      throw new IllegalArgumentException(
          "'" + name + "' is longer than an interface name may be: shorten '" + prefix + "'");
    }
    return name;
  }

  /** The namespace this JVM runs in: links made there are deleted by {@link #close}. */
  public Namespace initial() {
    return initial;
  }

  /**
   * A new namespace named {@link #uniqueName uniqueName(prefix)}, with its loopback up and IPv6 off
   * (its neighbour discovery would add frames that tests of isolation have to ignore).
   */
  public Namespace create(String prefix) throws IOException, InterruptedException {
    String name = uniqueName(prefix);
    Programs.run("ip", "netns", "add", name);
    Namespace ns = new Namespace(this, name);
    created.add(ns);
    ns.exec("ip", "link", "set", "lo", "up");
    ns.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
    ns.exec("sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
    return ns;
  }

  synchronized void madeLink(String name) {
    links.add(name);
  }

  synchronized void started(Process process) {
    processes.add(process);
  }

  /**
   * Stops the processes started here, deletes the links made here in the initial namespace (a veth
   * pair goes with either end) and the namespaces made here (with every interface in them). Raises
   * an {@link IllegalStateException} naming what could not be removed, after trying everything.
   */
  @Override
  public synchronized void close() {
    List<String> problems = new ArrayList<>();
    processes.reversed().forEach(Programs::stop);
    processes.clear();
    for (String link : links) {
      // The kernel removes a pair whose other end was in a deleted namespace on its own time.
      if (exists(link)) {
        quietly(problems, () -> !exists(link), "ip", "link", "del", link);
      }
    }
    links.clear();
    for (Namespace ns : created.reversed()) {
      quietly(problems, () -> false, "ip", "netns", "del", ns.name());
    }
    created.clear();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("cleaning up network namespaces: " + problems);
    }
  }

  private static boolean exists(String link) {
    return Files.exists(Path.of("/sys/class/net", link));
  }

  /** Runs a command, noting its failure unless {@code doneAnyway} says its work was done. */
  private static void quietly(
      List<String> problems, BooleanSupplier doneAnyway, String... command) {
    try {
      Programs.run(command);
    } catch (IOException e) {
      if (!doneAnyway.getAsBoolean()) {
        problems.add(e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add(String.join(" ", command) + ": interrupted");
    }
  }
}
