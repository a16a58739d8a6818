package net.vdn.bench;

import java.util.List;
import java.util.Locale;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.emulation.Topology;

/**
 * The controller's heap with 4094 slices (every slice id): the controller runs in this JVM in front
 * of the emulated KREONET-S in a child process; its heap is measured after full collections once
 * the links are discovered, and again with the slices in force. The slices are spread over the ten
 * links (each between two neighbouring sites), created through the slice service.
 *
 * <p>Usage: {@code ControllerMemoryBench [--slices 4094] [--first-port 53001]}.
 */
public final class ControllerMemoryBench {
  private ControllerMemoryBench() {}

  public static void main(String[] args) throws Exception {
    int slices = Integer.parseInt(PacketRateBench.arg(args, "--slices", "4094"));
    int firstPort = Integer.parseInt(PacketRateBench.arg(args, "--first-port", "53001"));
    try (KreonetController k = KreonetController.start(firstPort)) {
      long before = KreonetController.usedHeapAfterGc();
      List<Topology.Link> links = KreonetController.KREONET.links();
      long t0 = System.nanoTime();
      for (int id = 1; id <= slices; id++) {
        Topology.Link l = links.get(id % links.size());
        SliceSpec s = KreonetController.slice(id, l.a(), l.b(), 10 + (id / links.size()) % 2);
        k.controller.services().slices().create(s);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long after = KreonetController.usedHeapAfterGc();
      int entities =
          k.controller.services().devices().devices().stream()
              .mapToInt(d -> d.mirrorEntries())
              .sum();
      double mib = (after - before) / 1048576.0;
      System.out.printf(
          Locale.ROOT,
          "heap after discovery %.1f MiB; with %d slices %.1f MiB; %d entities mirrored;"
              + " created in %.1f s (%.0f slices/s)%n",
          before / 1048576.0,
          slices,
          after / 1048576.0,
          entities,
          seconds,
          slices / seconds);
      System.out.printf(
          Locale.ROOT,
          "SUMMARY controller-memory %d slices: %.1f MiB of heap (%.0f bytes per slice, %d mirrored"
              + " entities), total heap %.1f MiB%n",
          slices,
          mib,
          (after - before) / (double) slices,
          entities,
          after / 1048576.0);
    }
  }
}
