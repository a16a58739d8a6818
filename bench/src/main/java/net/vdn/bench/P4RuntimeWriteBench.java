package net.vdn.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.Entities;
import net.vdn.p4runtime.Fixtures;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.WriteResult;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.it.Bmv2Target;
import net.vdn.p4runtime.it.TargetUnderTest;
import net.vdn.p4runtime.proto.v1.WriteRequest;
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import net.vdn.testsupport.Programs;

/**
 * Table-entry writes per second through the VDN client (named entries, validated and encoded per
 * batch) against a bare loop that sends the same, pre-built WriteRequests on the same channel: the
 * ceiling the target and gRPC allow. Batches of 1, 100 and 1000, rounds interleaved, medians.
 *
 * <p>Usage: {@code P4RuntimeWriteBench [--target host:port|unix:///path] [--entries N] [--rounds
 * R]}. Without --target it starts BMv2's simple_switch_grpc when it is on PATH.
 */
public final class P4RuntimeWriteBench {
  private static final String TABLE = "TestIngress.exact_table";
  private static final String ACTION = "TestIngress.set_port_counted";

  private P4RuntimeWriteBench() {}

  public static void main(String[] args) throws Exception {
    String target = arg(args, "--target", null);
    int entries = Integer.parseInt(arg(args, "--entries", "20000"));
    int rounds = Integer.parseInt(arg(args, "--rounds", "5"));
    StringBuilder summary = new StringBuilder("SUMMARY p4rt-writes");
    if (target != null) {
      summary.append(run(target, target, entries, rounds));
      System.out.println(summary);
      return;
    }
    try (var softswitch = new SoftswitchDevice(1, 255)) {
      int port = softswitch.serve("127.0.0.1", 0);
      summary.append(run("softswitch (in this JVM)", "127.0.0.1:" + port, entries, rounds));
    }
    if (Programs.onPath(Bmv2Target.BINARY)) {
      try (TargetUnderTest bmv2 = Bmv2Target.start()) {
        summary.append(run("bmv2 simple_switch_grpc", bmv2.grpcTarget(), entries, rounds));
      }
    } else {
      System.out.println("BMv2 skipped: " + Bmv2Target.BINARY + " is not on PATH");
      summary.append(" | bmv2: skipped (not on PATH)");
    }
    System.out.println(summary);
  }

  /** Measures one target; returns its part of the summary line. */
  private static String run(String label, String target, int entries, int rounds) {
    var p4info =
        P4InfoIndex.fromText(
            new String(Fixtures.bytes("client_test.p4info.txtpb"), StandardCharsets.UTF_8));
    var pipeline = PipelineConfig.of(p4info.p4info(), Fixtures.bytes("client_test.json"));
    try (var client =
        P4RuntimeClient.connect(
            ClientOptions.builder(target)
                .electionId(1)
                .rpcTimeout(Duration.ofSeconds(60))
                .build())) {
      if (!client.awaitPrimary(Duration.ofSeconds(10))) {
        throw new IllegalStateException("not primary on " + target);
      }
      client.setPipeline(pipeline, P4RuntimeClient.PipelineAction.VERIFY_AND_COMMIT);
      StringBuilder summary = new StringBuilder();
      System.out.printf(
          Locale.ROOT,
          "target: %s (P4Runtime %s), %d rounds%n",
          label,
          client.apiVersion(),
          rounds);
      System.out.printf(
          Locale.ROOT,
          "%-6s %10s %14s %14s %8s%n",
          "batch",
          "entries",
          "ceiling/s",
          "client/s",
          "ratio");
      for (int batch : new int[] {1, 100, 1000}) {
        int n = batch == 1 ? Math.min(entries, 3000) : entries;
        double[] ceiling = new double[rounds];
        double[] viaClient = new double[rounds];
        List<WriteRequest> inserts = prebuilt(client, n, batch, Update.Type.INSERT);
        List<WriteRequest> deletes = prebuilt(client, n, batch, Update.Type.DELETE);
        for (int r = 0; r < rounds; r++) {
          ceiling[r] = n / timeRaw(client, inserts);
          timeRaw(client, deletes);
          viaClient[r] = n / timeClient(client, n, batch);
          timeRaw(client, deletes);
        }
        double c = median(ceiling);
        double v = median(viaClient);
        System.out.printf(Locale.ROOT, "%-6d %10d %14.0f %14.0f %8.3f%n", batch, n, c, v, v / c);
        summary.append(
            String.format(
                Locale.ROOT, " batch %d: %.0f/s (%.1f%% of %.0f/s);", batch, v, 100 * v / c, c));
      }
      return " | " + label + ":" + summary;
    }
  }

  private static TableEntry entry(int i) {
    return TableEntry.in(TABLE)
        .exact("dst_addr", Value.of(0x0200_0000_0000L + i))
        .action(ACTION, "port", i % 256)
        .build();
  }

  private static List<WriteRequest> prebuilt(
      P4RuntimeClient client, int n, int batch, Update.Type type) {
    Entities codec = client.codec();
    List<WriteRequest> out = new ArrayList<>();
    for (int start = 0; start < n; start += batch) {
      var req =
          WriteRequest.newBuilder()
              .setDeviceId(client.options().deviceId())
              .setElectionId(client.electionId().toProto());
      for (int i = start; i < Math.min(n, start + batch); i++) {
        req.addUpdates(codec.encode(new Update(type, entry(i))));
      }
      out.add(req.build());
    }
    return out;
  }

  /** Seconds to send the pre-built requests one after the other. */
  private static double timeRaw(P4RuntimeClient client, List<WriteRequest> requests) {
    long t0 = System.nanoTime();
    for (WriteRequest r : requests) {
      check(client.writeRaw(r));
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Seconds to build, validate, encode and send the same entries through the client. */
  private static double timeClient(P4RuntimeClient client, int n, int batch) {
    long t0 = System.nanoTime();
    List<Update> updates = new ArrayList<>(batch);
    for (int i = 0; i < n; i++) {
      updates.add(Update.insert(entry(i)));
      if (updates.size() == batch || i == n - 1) {
        check(client.write(updates, P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR));
        updates.clear();
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void check(WriteResult r) {
    if (!r.allOk()) {
      throw new IllegalStateException(r.summary());
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String arg(String[] args, String name, String dflt) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return dflt;
  }
}
