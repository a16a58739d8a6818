package net.vdn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.emulation.Topology;
import net.vdn.pipeconf.rule.Ipv4Prefix;

/**
 * The controller in this JVM in front of the emulated KREONET-S in a child process, as an operator
 * would run them on one machine: the benchmarks that measure the controller share it.
 */
final class KreonetController implements AutoCloseable {
  static final Topology KREONET = Topology.kreonetS();

  final Process emulation;
  final Controller controller;
  final Path dir;

  private KreonetController(Process emulation, Controller controller, Path dir) {
    this.emulation = emulation;
    this.controller = controller;
    this.dir = dir;
  }

  static KreonetController start(int firstPort) throws IOException, InterruptedException {
    return start(firstPort, SecurityOptions.OFF);
  }

  /** The same, the controller's API with these security settings. */
  static KreonetController start(int firstPort, SecurityOptions security)
      throws IOException, InterruptedException {
    Process p = emulation(firstPort);
    List<DeviceConfig> devices = new ArrayList<>();
    int i = 0;
    for (Topology.Switch s : KREONET.switches()) {
      devices.add(DeviceConfig.p4(s.name(), "127.0.0.1:" + (firstPort + i++), s.deviceId()));
    }
    Path dir = Files.createTempDirectory("vdn-bench");
    Controller c;
    try {
      c =
          Controller.start(
              ControllerOptions.defaults(dir.resolve("state.json"))
                  .withRest("127.0.0.1", 0)
                  .withDevices(devices)
                  .withSecurity(security));
    } catch (RuntimeException e) {
      p.destroy();
      throw e;
    }
    KreonetController k = new KreonetController(p, c, dir);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (c.services().topology().links().size() < 2 * KREONET.links().size()) {
      if (System.nanoTime() > deadline) {
        k.close();
        throw new IllegalStateException(
            "links not discovered: " + c.services().topology().links().size());
      }
      Thread.sleep(20);
    }
    return k;
  }

  /** The emulated KREONET-S in a child JVM, its switches on ports from {@code firstPort}. */
  static Process emulation(int firstPort) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                EmulatedKreonet.class.getName(),
                "--first-port",
                String.valueOf(firstPort))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("READY")) {
      // Log lines of the emulation before it is ready.
    }
    if (line == null) {
      throw new IllegalStateException("the emulated network did not start: exit " + p.waitFor());
    }
    drain(out);
    return p;
  }

  private static void drain(BufferedReader out) {
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                while (out.readLine() != null) {
                  // Drains the child's output.
                }
              } catch (IOException ignored) {
                // The child stopped.
              }
            });
  }

  /**
   * A 1 Mb/s slice between the edge ports of two sites, told apart from the others on those ports
   * by the source prefixes of its two ends (10.x.y.0/24 and 11.x.y.0/24, x.y from the id).
   */
  static SliceSpec slice(int id, String a, String b, int port) {
    String net = (id >> 8) + "." + (id & 0xff) + ".0/24";
    return new SliceSpec(
        "s" + id,
        "tenant-" + (id % 16),
        id,
        List.of(
            new Endpoint(a, port, Ipv4Prefix.parse("10." + net), null),
            new Endpoint(b, port, Ipv4Prefix.parse("11." + net), null)),
        1_000_000,
        2_000_000,
        0);
  }

  /** A background slice between two sites picked at random (seeded), on port 10 or 11. */
  static SliceSpec randomSlice(int id, Random random) {
    List<Topology.Switch> s = KREONET.switches();
    int a = random.nextInt(s.size());
    int b = (a + 1 + random.nextInt(s.size() - 1)) % s.size();
    return slice(id, s.get(a).name(), s.get(b).name(), 10 + random.nextInt(2));
  }

  /** Heap in use after a full collection, in bytes (median of three collections). */
  static long usedHeapAfterGc() {
    long[] used = new long[3];
    for (int i = 0; i < used.length; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used[i] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    java.util.Arrays.sort(used);
    return used[1];
  }

  @Override
  public void close() {
    controller.close();
    emulation.destroy();
    try {
      emulation.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
