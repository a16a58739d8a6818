package net.vdn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.WriteResult;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;
import net.vdn.softswitch.OutputPacket;
import net.vdn.softswitch.Switch;
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import net.vdn.testsupport.FreePorts;
import net.vdn.testsupport.GrpcServers;
import net.vdn.testsupport.Programs;

/**
 * Packets per second through the slicing pipeline on the softswitch engine and on BMv2, side by
 * side in one run, on the same BMv2 JSON, the same entries and the same trace.
 *
 * <p>Both targets are programmed with the same named entries through the VDN P4Runtime client: the
 * softswitch's own P4Runtime server in this JVM, and BMv2's {@code simple_switch_grpc} (the
 * simple_switch data plane with a P4Runtime server). The softswitch is then measured by calling
 * {@code Switch.process} in a loop on one thread; BMv2, pinned to one core with {@code taskset},
 * reads the trace from pcap files ({@code --use-files}) and writes what it sends to pcap files,
 * whose per-packet timestamps give the time from the first packet out to the last one.
 *
 * <p>Usage: {@code PacketRateBench [--packets N] [--rounds R] [--slices S] [--warmup W] [--bmv2
 * on|off] [--bmv2-core C] [--pipeline DIR]}.
 */
public final class PacketRateBench {
  private static final String BMV2 = "simple_switch_grpc";

  private PacketRateBench() {}

  public static void main(String[] args) throws Exception {
    int packets = Integer.parseInt(arg(args, "--packets", "200000"));
    int rounds = Integer.parseInt(arg(args, "--rounds", "5"));
    int slices = Integer.parseInt(arg(args, "--slices", "8"));
    int warmup = Integer.parseInt(arg(args, "--warmup", "5"));
    boolean bmv2On = !"off".equals(arg(args, "--bmv2", "on"));
    String core = arg(args, "--bmv2-core", "1");
    int queueDepth = Integer.parseInt(arg(args, "--bmv2-queue-depth", "4096"));
    Path dir = pipelineDir(arg(args, "--pipeline", null));
    PipelineConfig pipeline =
        PipelineConfig.load(dir.resolve("slicing.p4info.txtpb"), dir.resolve("slicing.json"));

    SliceWorkload workload = new SliceWorkload(slices);
    List<Update> updates = workload.updates();
    List<SliceWorkload.Frame> trace = workload.trace(packets, 42);
    int[] ports = new int[trace.size()];
    byte[][] frames = new byte[trace.size()][];
    for (int i = 0; i < trace.size(); i++) {
      ports[i] = trace.get(i).port();
      frames[i] = trace.get(i).bytes();
    }
    System.out.printf(
        Locale.ROOT,
        "pipeline: %s; %d slices, %d entries/groups/meter cells; trace: %d frames of %d bytes"
            + " (%s)%n",
        dir.resolve("slicing.json"),
        slices,
        updates.size(),
        packets,
        SliceWorkload.FRAME_BYTES,
        mix());

    String whyNoBmv2 = null;
    if (!bmv2On) {
      whyNoBmv2 = "--bmv2 off";
    } else if (!Programs.onPath(BMV2)) {
      whyNoBmv2 =
          BMV2
              + " is not on PATH (BMv2's simple_switch with its P4Runtime server; the bench"
              + " programs BMv2 over P4Runtime)";
    }
    List<String> pin = List.of();
    String pinning = "not pinned (taskset is not on PATH)";
    if (Programs.onPath("taskset")) {
      pin = List.of("taskset", "-c", core);
      pinning = "pinned to core " + core + " with taskset";
    }

    try (var device = new SoftswitchDevice(1, 255)) {
      int p4rtPort = device.serve("127.0.0.1", 0);
      program("softswitch", "127.0.0.1:" + p4rtPort, pipeline, updates);
      Switch engine = engineOf(device);
      Expected expected = Expected.of(engine, ports, frames, trace);
      System.out.printf(
          Locale.ROOT,
          "softswitch: %d frames in, %d out (%s); warm-up %d passes; Switch.process on one thread"
              + " (the JVM cannot pin a thread to a core; it runs alone, BMv2 is stopped)%n",
          packets,
          expected.total,
          expected.perPortSummary(),
          warmup);
      for (int w = 0; w < warmup; w++) {
        runSoftswitch(engine, ports, frames);
      }
      Bmv2Run bmv2 = null;
      if (whyNoBmv2 == null) {
        bmv2 = new Bmv2Run(pipeline, updates, trace, expected, pin, queueDepth);
        System.out.printf(
            Locale.ROOT,
            "bmv2: %s --use-files, %s, logging compiled out; started and programmed afresh each"
                + " round, startup and programming excluded%n",
            BMV2,
            pinning);
      } else {
        System.out.println("BMv2 skipped: " + whyNoBmv2);
      }

      double[] ssRate = new double[rounds];
      double[] bmRate = new double[rounds];
      long[] latencies = new long[rounds * packets];
      boolean identical = true;
      System.out.printf(
          Locale.ROOT,
          "%-6s %16s %16s %12s %12s%n",
          "round",
          "softswitch pps",
          "bmv2 pps",
          "bmv2 out",
          "ratio");
      for (int r = 0; r < rounds; r++) {
        ssRate[r] = packets / runSoftswitch(engine, ports, frames);
        timeEach(engine, ports, frames, latencies, r * packets);
        String bmOut = "-";
        String ratio = "-";
        if (bmv2 != null) {
          Bmv2Run.Result res = bmv2.round();
          bmRate[r] = packets / res.seconds;
          identical &= res.identical;
          bmOut = res.identical ? "identical" : "DIFFERENT";
          ratio = String.format(Locale.ROOT, "%.1fx", ssRate[r] / bmRate[r]);
        }
        System.out.printf(
            Locale.ROOT,
            "%-6d %16.0f %16s %12s %12s%n",
            r + 1,
            ssRate[r],
            bmv2 == null ? "-" : String.format(Locale.ROOT, "%.0f", bmRate[r]),
            bmOut,
            ratio);
      }
      Arrays.sort(latencies);
      double p50 = latencies[latencies.length / 2] / 1000.0;
      double p99 = latencies[(int) (latencies.length * 0.99)] / 1000.0;
      double p999 = latencies[(int) (latencies.length * 0.999)] / 1000.0;
      double ss = median(ssRate);
      System.out.printf(
          Locale.ROOT,
          "softswitch: median %.0f pps; per packet (time of one Switch.process call, %d calls):"
              + " p50 %.2f us, p99 %.2f us, p99.9 %.2f us%n",
          ss,
          latencies.length,
          p50,
          p99,
          p999);
      StringBuilder summary =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "SUMMARY packet-rate softswitch %.0f pps (p50 %.2f us, p99 %.2f us per packet)",
                  ss,
                  p50,
                  p99));
      if (bmv2 != null) {
        double bm = median(bmRate);
        System.out.printf(
            Locale.ROOT,
            "bmv2: median %.0f pps (%s); softswitch / bmv2 = %.1fx; outputs %s%n",
            bm,
            pinning,
            ss / bm,
            identical ? "identical in every round" : "DIFFERENT in some round (see above)");
        summary.append(
            String.format(
                Locale.ROOT,
                " | bmv2 %s %.0f pps (1 core) | softswitch/bmv2 %.1fx | outputs %s",
                BMV2,
                bm,
                ss / bm,
                identical ? "identical" : "DIFFERENT"));
        bmv2.close();
      } else {
        summary.append(" | bmv2 skipped: ").append(whyNoBmv2);
      }
      summary.append(String.format(Locale.ROOT, " | %d frames x %d rounds", packets, rounds));
      System.out.println(summary);
    }
  }

  private static String mix() {
    StringBuilder b = new StringBuilder();
    for (SliceWorkload.Kind k : SliceWorkload.Kind.values()) {
      if (!b.isEmpty()) {
        b.append(", ");
      }
      b.append(k.percent).append("% ").append(k.name().toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  /** Pushes the pipeline and writes the updates through the VDN client, by name. */
  static void program(String label, String target, PipelineConfig pipeline, List<Update> updates) {
    try (var client =
        P4RuntimeClient.connect(
            ClientOptions.builder(target)
                .electionId(1)
                .rpcTimeout(Duration.ofSeconds(30))
                .build())) {
      if (!client.awaitPrimary(Duration.ofSeconds(10))) {
        throw new IllegalStateException("not primary on " + label + " at " + target);
      }
      client.setPipeline(pipeline, P4RuntimeClient.PipelineAction.VERIFY_AND_COMMIT);
      WriteResult r = client.write(updates, P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR);
      if (!r.allOk()) {
        throw new IllegalStateException(label + " refused entries: " + r.summary());
      }
    }
  }

  /** The engine behind the softswitch's P4Runtime server. */
  static Switch engineOf(SoftswitchDevice device) {
    return device.engine();
  }

  private static volatile long sink;

  /** Seconds to run the whole trace through the engine. */
  private static double runSoftswitch(Switch engine, int[] ports, byte[][] frames) {
    long out = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < frames.length; i++) {
      out += engine.process(ports[i], frames[i]).size();
    }
    double s = (System.nanoTime() - t0) / 1e9;
    sink += out;
    return s;
  }

  /** The time of each process call, in nanoseconds, into {@code into} from {@code at}. */
  private static void timeEach(Switch engine, int[] ports, byte[][] frames, long[] into, int at) {
    long out = 0;
    for (int i = 0; i < frames.length; i++) {
      long t0 = System.nanoTime();
      out += engine.process(ports[i], frames[i]).size();
      into[at + i] = System.nanoTime() - t0;
    }
    sink += out;
  }

  /** What leaves each port for the trace, per the softswitch: a hash per packet, in order. */
  static final class Expected {
    static final int PORTS = 5;
    final List<List<Long>> perPort = new ArrayList<>();

    /** The size of each port's output pcap file once every frame is in it. */
    final long[] fileBytes = new long[PORTS];

    long total;

    static Expected of(
        Switch engine, int[] ports, byte[][] frames, List<SliceWorkload.Frame> trace) {
      Expected e = new Expected();
      for (int p = 0; p < PORTS; p++) {
        e.perPort.add(new ArrayList<>());
      }
      long floods = 0;
      for (int i = 0; i < frames.length; i++) {
        if (trace.get(i).kind() == SliceWorkload.Kind.FLOODED) {
          floods++;
        }
        for (OutputPacket o : engine.process(ports[i], frames[i])) {
          if (o.port() < 1 || o.port() >= PORTS) {
            throw new IllegalStateException("frame " + i + " left on port " + o.port());
          }
          e.perPort.get(o.port()).add(hash(o.bytes()));
          e.fileBytes[o.port()] += 16 + o.bytes().length;
          e.total++;
        }
      }
      long want = frames.length + floods;
      if (e.total != want) {
        throw new IllegalStateException(
            "the softswitch sent "
                + e.total
                + " frames, the trace should give "
                + want
                + ": entries or meters do not forward every frame");
      }
      return e;
    }

    String perPortSummary() {
      StringBuilder b = new StringBuilder();
      for (int p = 1; p < PORTS; p++) {
        b.append(p == 1 ? "" : ", ").append("port ").append(p).append(": ");
        b.append(perPort.get(p).size());
      }
      return b.toString();
    }
  }

  static long hash(byte[] b) {
    long h = 1125899906842597L;
    for (byte x : b) {
      h = 31 * h + x;
    }
    return h ^ ((long) b.length << 56);
  }

  /** BMv2 runs: trace in pcap files written once, a fresh simple_switch_grpc per round. */
  static final class Bmv2Run implements AutoCloseable {
    record Result(double seconds, boolean identical) {}

    private final PipelineConfig pipeline;
    private final List<Update> updates;
    private final Expected expected;
    private final List<String> pin;
    private final Path work;
    private final int waitSeconds = 2;
    private final int queueDepth;
    private boolean queueWarned;

    Bmv2Run(
        PipelineConfig pipeline,
        List<Update> updates,
        List<SliceWorkload.Frame> trace,
        Expected expected,
        List<String> pin,
        int queueDepth)
        throws IOException {
      this.queueDepth = queueDepth;
      this.pipeline = pipeline;
      this.updates = updates;
      this.expected = expected;
      this.pin = pin;
      this.work = Files.createTempDirectory("vdn-packet-rate-");
      for (int port = 1; port < Expected.PORTS; port++) {
        List<byte[]> in = new ArrayList<>();
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
          if (trace.get(i).port() == port) {
            in.add(trace.get(i).bytes());
            micros.add(1_000_000L + i);
          }
        }
        PcapFile.write(work.resolve("p" + port + "_in.pcap"), in, micros);
      }
    }

    Result round() throws Exception {
      for (int port = 1; port < Expected.PORTS; port++) {
        Files.deleteIfExists(work.resolve("p" + port + "_out.pcap"));
      }
      String target = "unix://" + work.resolve("grpc.sock");
      Files.deleteIfExists(work.resolve("grpc.sock"));
      int thriftPort = FreePorts.tcp();
      List<String> cmd = new ArrayList<>(pin);
      cmd.addAll(
          List.of(
              BMV2,
              "--device-id",
              "1",
              "--no-p4",
              "--use-files",
              String.valueOf(waitSeconds),
              "--thrift-port",
              String.valueOf(thriftPort),
              "--notifications-addr",
              "ipc://" + work.resolve("notifications.ipc")));
      for (int port = 1; port < Expected.PORTS; port++) {
        cmd.addAll(List.of("-i", port + "@p" + port));
      }
      cmd.addAll(List.of("--", "--grpc-server-addr", target, "--cpu-port", "255"));
      Path log = work.resolve("bmv2.log");
      Process process =
          new ProcessBuilder(cmd)
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        GrpcServers.await(
            target, P4RuntimeGrpc.getCapabilitiesMethod().getFullMethodName(), process, log);
        if (queueDepth > 0) {
          try {
            Bmv2Thrift.setAllEgressQueueDepths(thriftPort, queueDepth);
          } catch (IOException e) {
            if (!queueWarned) {
              System.out.println(
                  "  cannot set BMv2's egress queue depth over Thrift ("
                      + e.getMessage()
                      + "): its default of 64 frames drops frames when egress lags");
              queueWarned = true;
            }
          }
        }
        long t0 = System.nanoTime();
        // The pcap reader starts waitSeconds after the pipeline is committed.
        program("bmv2", target, pipeline, updates);
        double programming = (System.nanoTime() - t0) / 1e9;
        if (programming > waitSeconds * 0.9) {
          throw new IllegalStateException(
              String.format(
                  Locale.ROOT,
                  "programming BMv2 took %.2f s, close to the %d s before it reads the trace",
                  programming,
                  waitSeconds));
        }
        awaitOutputs(process, log);
        return compare();
      } finally {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    }

    /** Waits until the output files hold every expected frame, or stop growing for 5 s. */
    private void awaitOutputs(Process process, Path log) throws Exception {
      long want = 0;
      for (int port = 1; port < Expected.PORTS; port++) {
        want += 24 + expected.fileBytes[port];
      }
      long last = -1;
      long lastChange = System.nanoTime();
      while (true) {
        Thread.sleep(100);
        long size = 0;
        for (int port = 1; port < Expected.PORTS; port++) {
          Path f = work.resolve("p" + port + "_out.pcap");
          size += Files.exists(f) ? Files.size(f) : 0;
        }
        if (size >= want) {
          return;
        }
        if (!process.isAlive()) {
          throw new IOException("BMv2 exited: " + Files.readString(log));
        }
        if (size != last) {
          last = size;
          lastChange = System.nanoTime();
        } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(waitSeconds + 5)) {
          return;
        }
      }
    }

    /** Seconds from the first frame out to the last, and whether BMv2 sent what we expect. */
    private Result compare() throws IOException {
      long first = Long.MAX_VALUE;
      long lastTs = Long.MIN_VALUE;
      boolean identical = true;
      for (int port = 1; port < Expected.PORTS; port++) {
        List<PcapFile.Packet> got = PcapFile.read(work.resolve("p" + port + "_out.pcap"));
        List<Long> want = expected.perPort.get(port);
        if (got.size() != want.size()) {
          System.out.printf(
              Locale.ROOT,
              "  port %d: BMv2 sent %d frames, the softswitch %d%n",
              port,
              got.size(),
              want.size());
          identical = false;
        }
        int mismatches = 0;
        for (int i = 0; i < Math.min(got.size(), want.size()); i++) {
          if (hash(got.get(i).bytes()) != want.get(i)) {
            mismatches++;
          }
        }
        if (mismatches > 0) {
          System.out.printf(
              Locale.ROOT, "  port %d: %d frames differ from the softswitch's%n", port, mismatches);
          identical = false;
        }
        for (PcapFile.Packet p : got) {
          first = Math.min(first, p.micros());
          lastTs = Math.max(lastTs, p.micros());
        }
      }
      if (first == Long.MAX_VALUE || lastTs <= first) {
        throw new IllegalStateException("BMv2 sent nothing; see " + work.resolve("bmv2.log"));
      }
      return new Result((lastTs - first) / 1e6, identical);
    }

    @Override
    public void close() throws IOException {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The directory of slicing.json: --pipeline, else p4src/build from here or the parent. */
  static Path pipelineDir(String given) {
    if (given != null) {
      return Path.of(given);
    }
    for (Path p : List.of(Path.of("p4src/build"), Path.of("../p4src/build"))) {
      if (Files.exists(p.resolve("slicing.json"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("no p4src/build/slicing.json here or in ..; give --pipeline");
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static String arg(String[] args, String name, String dflt) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return dflt;
  }
}
