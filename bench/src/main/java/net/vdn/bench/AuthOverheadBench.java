package net.vdn.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.controller.slice.SliceSpec;

/**
 * Slice setup latency with authentication off and on, in the same run: the emulated KREONET-S and a
 * controller with authentication off, then again with API tokens on (every request carrying an
 * operator's bearer token); each creates and deletes Hong Kong - Chicago slices over REST, a
 * warm-up first, then {@code --slices} timed creations. The difference at p50 and p99 is what
 * checking the token (and writing the audit record of each change) costs.
 *
 * <p>Usage: {@code AuthOverheadBench [--slices 300] [--warmup 1000] [--first-port 53001]}.
 */
public final class AuthOverheadBench {
  private AuthOverheadBench() {}

  public static void main(String[] args) throws Exception {
    int measured = Integer.parseInt(PacketRateBench.arg(args, "--slices", "300"));
    int warmup = Integer.parseInt(PacketRateBench.arg(args, "--warmup", "1000"));
    int firstPort = Integer.parseInt(PacketRateBench.arg(args, "--first-port", "53001"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    SliceSetupBench.Stats[] create = new SliceSetupBench.Stats[2];
    for (int round = 0; round < 2; round++) {
      boolean auth = round == 1;
      try (KreonetController k =
          KreonetController.start(
              firstPort + round * 20, auth ? SecurityOptions.apiTokens() : SecurityOptions.OFF)) {
        String token = auth ? k.controller.firstOperatorToken().orElseThrow() : null;
        String base = "http://127.0.0.1:" + k.controller.restPort() + "/api/v1/slices";
        run(http, base, token, 2000, warmup);
        long[] t = run(http, base, token, 3000, measured);
        create[round] = SliceSetupBench.Stats.of(t);
        System.out.printf(
            Locale.ROOT,
            "authentication %-3s: create p50 %.2f ms p99 %.2f ms max %.2f ms%n",
            auth ? "on" : "off",
            create[round].p50(),
            create[round].p99(),
            create[round].max());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "SUMMARY auth-overhead slice setup (4 switches, REST) | off p50 %.2f p99 %.2f ms | on p50"
            + " %.2f p99 %.2f ms | difference p50 %+.2f p99 %+.2f ms%n",
        create[0].p50(),
        create[0].p99(),
        create[1].p50(),
        create[1].p99(),
        create[1].p50() - create[0].p50(),
        create[1].p99() - create[0].p99());
  }

  /** Creates then deletes {@code n} slices; the creations' times in nanoseconds. */
  private static long[] run(HttpClient http, String base, String token, int firstId, int n)
      throws Exception {
    long[] create = new long[n];
    for (int i = 0; i < n; i++) {
      SliceSpec s = KreonetController.slice(firstId + i, "hongkong", "chicago", 10);
      HttpRequest.Builder r =
          HttpRequest.newBuilder(URI.create(base))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(SliceSetupBench.json(s)));
      if (token != null) {
        r.header("Authorization", "Bearer " + token);
      }
      long t0 = System.nanoTime();
      HttpResponse<String> a = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      create[i] = System.nanoTime() - t0;
      if (a.statusCode() != 201) {
        throw new IllegalStateException(
            "create " + s.name() + ": " + a.statusCode() + " " + a.body());
      }
    }
    for (int i = 0; i < n; i++) {
      HttpRequest.Builder r =
          HttpRequest.newBuilder(URI.create(base + "/s" + (firstId + i))).DELETE();
      if (token != null) {
        r.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> a = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      if (a.statusCode() != 204) {
        throw new IllegalStateException("delete: " + a.statusCode() + " " + a.body());
      }
    }
    return create;
  }
}
