package net.vdn.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;

/**
 * Slice setup latency on the eight-site emulated KREONET-S: with 1, 100 and 1000 slices already
 * present, creates slices between Hong Kong and Chicago (four switches: Hong Kong, Seoul, Daejeon,
 * Chicago) one after another over REST and times each from the request to the answer, which comes
 * once every entry on every switch is acknowledged. Then deletes them, timed the same way. The
 * switches run in a child process; the controller and the REST client share this one.
 *
 * <p>Usage: {@code SliceSetupBench [--levels 1,100,1000] [--slices 200] [--first-port 52001]}.
 */
public final class SliceSetupBench {
  private SliceSetupBench() {}

  public static void main(String[] args) throws Exception {
    int[] levels =
        Arrays.stream(PacketRateBench.arg(args, "--levels", "1,100,1000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int measured = Integer.parseInt(PacketRateBench.arg(args, "--slices", "200"));
    int firstPort = Integer.parseInt(PacketRateBench.arg(args, "--first-port", "52001"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<String> summary = new ArrayList<>();
    try (KreonetController k = KreonetController.start(firstPort)) {
      String base = "http://127.0.0.1:" + k.controller.restPort() + "/api/v1/slices";
      System.out.printf(
          Locale.ROOT,
          "KREONET-S: %d switches, %d link directions; %d slices measured per level%n",
          k.controller.services().devices().devices().size(),
          k.controller.services().topology().links().size(),
          measured);
      // The REST round trip alone: a GET answered 404 without touching a switch.
      long[] rtt = new long[300];
      for (int i = 0; i < rtt.length; i++) {
        long t0 = System.nanoTime();
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/none")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        rtt[i] = System.nanoTime() - t0;
      }
      Stats rest = Stats.of(Arrays.copyOfRange(rtt, 100, rtt.length));
      System.out.printf(
          Locale.ROOT,
          "REST round trip alone (GET, 404): p50 %.2f ms p99 %.2f ms%n",
          rest.p50,
          rest.p99);
      Random random = new Random(42);
      int present = 0;
      int nextId = 1;
      // Warm-up (JIT in both JVMs): 1000 creations and deletions, not recorded.
      run(http, base, 2000, 1000, k);
      for (int level : levels) {
        while (present < level) {
          k.controller.services().slices().create(KreonetController.randomSlice(nextId++, random));
          present++;
        }
        long[][] times = run(http, base, 3000, measured, k);
        Stats create = Stats.of(times[0]);
        Stats delete = Stats.of(times[1]);
        System.out.printf(
            Locale.ROOT,
            "%4d present: create p50 %.2f ms p99 %.2f ms max %.2f ms, %.0f slices/s;"
                + " delete p50 %.2f ms p99 %.2f ms%n",
            level,
            create.p50,
            create.p99,
            create.max,
            create.perSecond,
            delete.p50,
            delete.p99);
        summary.add(
            String.format(
                Locale.ROOT,
                "%d present: p50 %.2f ms p99 %.2f ms %.0f/s",
                level,
                create.p50,
                create.p99,
                create.perSecond));
      }
    }
    System.out.println(
        "SUMMARY slice-setup 4-switch slice over REST on KREONET-S | "
            + String.join(" | ", summary));
  }

  /** Creates then deletes {@code n} Hong Kong - Chicago slices; nanoseconds per request. */
  private static long[][] run(HttpClient http, String base, int firstId, int n, KreonetController k)
      throws Exception {
    long[] create = new long[n];
    long[] delete = new long[n];
    for (int i = 0; i < n; i++) {
      SliceSpec s = KreonetController.slice(firstId + i, "hongkong", "chicago", 10);
      String body = json(s);
      long t0 = System.nanoTime();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      create[i] = System.nanoTime() - t0;
      if (r.statusCode() != 201) {
        throw new IllegalStateException(
            "create " + s.name() + ": " + r.statusCode() + " " + r.body());
      }
      int devices = k.controller.services().slices().get(s.name()).orElseThrow().devices().size();
      if (devices != 4) {
        throw new IllegalStateException(s.name() + " is on " + devices + " switches, not 4");
      }
    }
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/s" + (firstId + i))).DELETE().build(),
              HttpResponse.BodyHandlers.ofString());
      delete[i] = System.nanoTime() - t0;
      if (r.statusCode() != 204) {
        throw new IllegalStateException("delete: " + r.statusCode() + " " + r.body());
      }
    }
    return new long[][] {create, delete};
  }

  static String json(SliceSpec s) {
    StringBuilder eps = new StringBuilder();
    for (Endpoint e : s.endpoints()) {
      if (eps.length() > 0) {
        eps.append(", ");
      }
      eps.append(
          String.format(
              "{\"device\": \"%s\", \"port\": %d, \"srcPrefix\": \"%s\"}",
              e.device(), e.port(), e.srcPrefix()));
    }
    return String.format(
        Locale.ROOT,
        "{\"name\": \"%s\", \"tenant\": \"%s\", \"sliceId\": %d, \"cirBps\": %d, \"pirBps\": %d,"
            + " \"endpoints\": [%s]}",
        s.name(),
        s.tenant(),
        s.sliceId(),
        s.cirBps(),
        s.pirBps(),
        eps);
  }

  /** Milliseconds: median, 99th percentile, maximum; requests per second over the whole run. */
  record Stats(double p50, double p99, double max, double perSecond) {
    static Stats of(long[] nanos) {
      long[] s = nanos.clone();
      Arrays.sort(s);
      long total = Arrays.stream(s).sum();
      return new Stats(
          s[s.length / 2] / 1e6,
          s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)] / 1e6,
          s[s.length - 1] / 1e6,
          s.length * 1e9 / total);
    }
  }
}
