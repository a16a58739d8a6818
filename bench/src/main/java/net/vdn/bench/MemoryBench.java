package net.vdn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import net.vdn.softswitch.Switch;
import net.vdn.softswitch.SwitchConfig;
import net.vdn.softswitch.table.EntryAction;
import net.vdn.softswitch.table.KeyMatch;
import net.vdn.softswitch.table.MatchTable;
import net.vdn.softswitch.table.TableEntry;

/**
 * Heap the softswitch engine needs for many table entries: the slicing pipeline is loaded, the heap
 * measured after a full GC, N {@code slice_fwd_l2} entries (slice id, destination MAC -> fwd(port))
 * inserted through the engine API, and the heap measured again. The table's size (65536 in p4src)
 * is raised in the loaded JSON when N exceeds it. Rounds with a fresh engine each; medians.
 *
 * <p>Usage: {@code MemoryBench [--entries N] [--rounds R] [--pipeline DIR]}.
 */
public final class MemoryBench {
  private static final String TABLE = "SliceIngress.forwarding.slice_fwd_l2";

  private MemoryBench() {}

  public static void main(String[] args) throws Exception {
    int entries = Integer.parseInt(PacketRateBench.arg(args, "--entries", "100000"));
    int rounds = Integer.parseInt(PacketRateBench.arg(args, "--rounds", "3"));
    Path dir = PacketRateBench.pipelineDir(PacketRateBench.arg(args, "--pipeline", null));
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(Files.readAllBytes(dir.resolve("slicing.json")));
    int declared = 0;
    for (JsonNode pipeline : root.get("pipelines")) {
      for (JsonNode t : pipeline.get("tables")) {
        if (t.get("name").asText().equals(TABLE)) {
          declared = t.get("max_size").asInt();
          if (entries > declared) {
            ((ObjectNode) t).put("max_size", entries);
          }
        }
      }
    }
    byte[] json = mapper.writeValueAsBytes(root);
    System.out.printf(
        Locale.ROOT,
        "pipeline: %s; %d entries in %s (declared size %d%s); %d rounds, max heap %d MiB%n",
        dir.resolve("slicing.json"),
        entries,
        TABLE,
        declared,
        entries > declared ? ", raised to " + entries + " for this bench" : "",
        rounds,
        Runtime.getRuntime().maxMemory() >> 20);
    double[] mib = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long before = usedAfterGc();
      Switch sw = Switch.load(json, SwitchConfig.defaults().withCpuPort(255));
      long loaded = usedAfterGc();
      fill(sw, entries);
      long filled = usedAfterGc();
      mib[r] = (filled - loaded) / (1024.0 * 1024.0);
      System.out.printf(
          Locale.ROOT,
          "round %d: engine with the pipeline %.1f MiB; %d entries add %.1f MiB (%.0f bytes per"
              + " entry)%n",
          r + 1,
          (loaded - before) / (1024.0 * 1024.0),
          entries,
          mib[r],
          (filled - loaded) / (double) entries);
      Reference.reachabilityFence(sw);
    }
    double m = PacketRateBench.median(mib);
    System.out.printf(
        Locale.ROOT,
        "SUMMARY memory softswitch %d slice_fwd_l2 entries: %.1f MiB of heap (%.0f bytes per"
            + " entry), median of %d rounds%n",
        entries,
        m,
        m * 1024 * 1024 / entries,
        rounds);
  }

  /** Inserts {@code n} entries: 4094 slices, MACs 02:00:xx:xx:xx:xx, ports 1..32. */
  static void fill(Switch sw, int n) {
    sw.lock().lock();
    try {
      MatchTable t = sw.table(TABLE);
      int fwd = t.action("SliceIngress.forwarding.fwd").id();
      for (int i = 0; i < n; i++) {
        int slice = 1 + i % 4094;
        byte[] mac = {2, 0, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
        t.insert(
            new TableEntry(
                List.of(
                    new KeyMatch.Exact(new byte[] {(byte) (slice >>> 8), (byte) slice}),
                    new KeyMatch.Exact(mac)),
                0,
                new EntryAction.Call(fwd, List.of(new byte[] {(byte) (1 + i % 32)}))));
      }
      if (t.size() != n) {
        throw new IllegalStateException(TABLE + " holds " + t.size() + " entries, not " + n);
      }
    } finally {
      sw.lock().unlock();
    }
  }

  /** Heap in use after full collections, in bytes. */
  private static long usedAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
