package net.vdn.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.testsupport.TestCertificates;

/**
 * Inter-domain slice setup against a single-domain slice of the same length, in the same run: two
 * domains of three switches in a line (a1-a2-a3 and b1-b2-b3, joined by a border link a3:20 -
 * b1:20), each with its own controller, and a third network of six switches in a line (c1..c6) with
 * a controller serving no domain, and three domains of two switches in a row (d1-d2, e1-e2, f1-f2;
 * d and f are not peers, e is their transit). Each round creates, over REST, a slice c1:10 - c6:10,
 * a slice a:a1:10 - b:b3:10 (advertisement, reserve and commit in both domains over mutual TLS) and
 * a slice d:d1:10 - f:f2:10 across e, then deletes all three; a warm-up first, then {@code
 * --slices} timed rounds. The emulated networks run in this JVM.
 *
 * <p>Usage: {@code FederationSetupBench [--slices 200] [--warmup 100] [--first-port 54001]}
 * (openssl makes the certificates).
 */
public final class FederationSetupBench {
  private FederationSetupBench() {}

  static Topology line(String prefix, int n, long firstId) {
    List<Topology.Switch> switches = new ArrayList<>();
    List<Topology.Link> links = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      switches.add(new Topology.Switch(prefix + i, firstId + i));
      if (i > 1) {
        links.add(new Topology.Link(prefix + (i - 1), 2, prefix + i, 1, 1000, 0.1));
      }
    }
    return new Topology(switches, links, List.of());
  }

  static List<DeviceConfig> devices(EmulatedNetwork net) {
    List<DeviceConfig> out = new ArrayList<>();
    for (Topology.Switch s : net.topology().switches()) {
      out.add(DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId()));
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    int measured = Integer.parseInt(PacketRateBench.arg(args, "--slices", "200"));
    int warmup = Integer.parseInt(PacketRateBench.arg(args, "--warmup", "100"));
    int firstPort = Integer.parseInt(PacketRateBench.arg(args, "--first-port", "54001"));
    Path dir = Files.createTempDirectory("vdn-federation-bench");
    TestCertificates ca = TestCertificates.make(Files.createDirectories(dir.resolve("a")));
    TestCertificates cb = TestCertificates.make(Files.createDirectories(dir.resolve("b")));
    TestCertificates cd = TestCertificates.make(Files.createDirectories(dir.resolve("d")));
    TestCertificates ce = TestCertificates.make(Files.createDirectories(dir.resolve("e")));
    TestCertificates cf = TestCertificates.make(Files.createDirectories(dir.resolve("f")));
    try (EmulatedNetwork na = EmulatedNetwork.start(line("a", 3, 100), 0);
        EmulatedNetwork nb = EmulatedNetwork.start(line("b", 3, 200), 0);
        EmulatedNetwork nc = EmulatedNetwork.start(line("c", 6, 300), 0);
        EmulatedNetwork nd = EmulatedNetwork.start(line("d", 2, 400), 0);
        EmulatedNetwork ne = EmulatedNetwork.start(line("e", 2, 500), 0);
        EmulatedNetwork nf = EmulatedNetwork.start(line("f", 2, 600), 0)) {
      EmulatedNetwork.join(na, "a3", 20, nb, "b1", 20, 10_000, 0.1);
      EmulatedNetwork.join(nd, "d2", 20, ne, "e1", 20, 10_000, 0.1);
      EmulatedNetwork.join(ne, "e2", 21, nf, "f1", 20, 10_000, 0.1);
      int pa = firstPort;
      int pb = firstPort + 1;
      int pd = firstPort + 2;
      int pe = firstPort + 3;
      int pf = firstPort + 4;
      try (Controller a =
              Controller.start(
                  options(na, "a", pa, ca, peering("a3", 20, "b", "b1", 20, pb, ca, cb)));
          Controller b =
              Controller.start(
                  options(nb, "b", pb, cb, peering("b1", 20, "a", "a3", 20, pa, cb, ca)));
          Controller c =
              Controller.start(
                  ControllerOptions.inMemory().withRest("127.0.0.1", 0).withDevices(devices(nc)));
          Controller d =
              Controller.start(
                  options(nd, "d", pd, cd, peering("d2", 20, "e", "e1", 20, pe, cd, ce)));
          Controller e =
              Controller.start(
                  options(
                      ne,
                      "e",
                      pe,
                      ce,
                      peering("e1", 20, "d", "d2", 20, pd, ce, cd),
                      peering("e2", 21, "f", "f1", 20, pf, ce, cf)));
          Controller f =
              Controller.start(
                  options(nf, "f", pf, cf, peering("f1", 20, "e", "e2", 21, pe, cf, ce)))) {
        await(a, 4);
        await(b, 4);
        await(c, 10);
        await(d, 2);
        await(e, 2);
        await(f, 2);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String apiA = "http://127.0.0.1:" + a.restPort() + "/api/v1/slices";
        String apiC = "http://127.0.0.1:" + c.restPort() + "/api/v1/slices";
        String apiD = "http://127.0.0.1:" + d.restPort() + "/api/v1/slices";
        long[][] warm = rounds(http, apiA, apiC, apiD, warmup, "w");
        long[][] t = rounds(http, apiA, apiC, apiD, measured, "m");
        SliceSetupBench.Stats single = SliceSetupBench.Stats.of(t[0]);
        SliceSetupBench.Stats inter = SliceSetupBench.Stats.of(t[1]);
        SliceSetupBench.Stats transit = SliceSetupBench.Stats.of(t[2]);
        System.out.printf(
            Locale.ROOT,
            "warm-up: %d rounds (inter-domain p50 %.2f ms, across a transit p50 %.2f ms)%n",
            warm[1].length,
            SliceSetupBench.Stats.of(warm[1]).p50(),
            SliceSetupBench.Stats.of(warm[2]).p50());
        for (var row :
            List.of(
                List.of("single-domain (6 switches)", single),
                List.of("inter-domain (3+3 switches, 2 domains)", inter),
                List.of("across a transit (2+2+2 switches, 3 domains)", transit))) {
          SliceSetupBench.Stats st = (SliceSetupBench.Stats) row.get(1);
          System.out.printf(
              Locale.ROOT,
              "%-46s create p50 %.2f ms p99 %.2f ms max %.2f ms%n",
              row.get(0),
              st.p50(),
              st.p99(),
              st.max());
        }
        System.out.printf(
            Locale.ROOT,
            "SUMMARY federation-setup (%d slices, REST, same run) | single-domain 6 switches p50"
                + " %.2f p99 %.2f ms | inter-domain 2x3 switches p50 %.2f p99 %.2f ms | overhead"
                + " p50 %+.2f p99 %+.2f ms | across a transit 3x2 switches p50 %.2f p99 %.2f ms,"
                + " overhead p50 %+.2f p99 %+.2f ms | goal: under 500 ms end to end%n",
            measured,
            single.p50(),
            single.p99(),
            inter.p50(),
            inter.p99(),
            inter.p50() - single.p50(),
            inter.p99() - single.p99(),
            transit.p50(),
            transit.p99(),
            transit.p50() - single.p50(),
            transit.p99() - single.p99());
      }
    }
  }

  private static FederationOptions.Peering peering(
      String border,
      int port,
      String peer,
      String peerBorder,
      int peerPort,
      int peerApi,
      TestCertificates mine,
      TestCertificates theirs) {
    return new FederationOptions.Peering(
        border,
        port,
        peer,
        peerBorder,
        peerPort,
        100,
        3000,
        10_000_000_000L,
        "https://127.0.0.1:" + peerApi,
        mine.clientCert(),
        mine.clientKey(),
        theirs.ca());
  }

  private static ControllerOptions options(
      EmulatedNetwork net,
      String domain,
      int port,
      TestCertificates mine,
      FederationOptions.Peering... peerings) {
    return ControllerOptions.inMemory()
        .withRest("127.0.0.1", 0)
        .withDevices(devices(net))
        .withFederation(
            new FederationOptions(
                domain,
                "127.0.0.1",
                port,
                mine.serverCert(),
                mine.serverKey(),
                15_000,
                2_000,
                3,
                List.of(peerings)));
  }

  private static void await(Controller c, int directions) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (c.services().topology().links().size() < directions) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("links not found: " + c.services().topology().links());
      }
      Thread.sleep(50);
    }
  }

  /**
   * {@code n} rounds: a single-domain slice, an inter-domain slice and one across a transit domain
   * created, then all three deleted.
   */
  private static long[][] rounds(
      HttpClient http, String apiA, String apiC, String apiD, int n, String tag) throws Exception {
    long[][] out = new long[3][n];
    for (int i = 0; i < n; i++) {
      String single =
          """
          {"name": "%s%d", "tenant": "t", "sliceId": %d, "cirBps": 1000000,
           "endpoints": [{"device": "c1", "port": 10}, {"device": "c6", "port": 10}]}"""
              .formatted(tag, i, 100 + i % 2000);
      String inter =
          """
          {"name": "%s%d", "cirBps": 1000000, "endpoints": ["a:a1:10", "b:b3:10"]}"""
              .formatted(tag, i);
      String across =
          """
          {"name": "%s%d", "cirBps": 1000000, "endpoints": ["d:d1:10", "f:f2:10"]}"""
              .formatted(tag, i);
      out[0][i] = timed(http, apiC, single);
      out[1][i] = timed(http, apiA, inter);
      out[2][i] = timed(http, apiD, across);
      delete(http, apiC + "/" + tag + i);
      delete(http, apiA + "/" + tag + i);
      delete(http, apiD + "/" + tag + i);
    }
    return out;
  }

  private static long timed(HttpClient http, String api, String body) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(api))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long t0 = System.nanoTime();
    HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
    long t = System.nanoTime() - t0;
    if (a.statusCode() != 201) {
      throw new IllegalStateException("create: " + a.statusCode() + " " + a.body());
    }
    return t;
  }

  private static void delete(HttpClient http, String uri) throws Exception {
    HttpResponse<String> a =
        http.send(
            HttpRequest.newBuilder(URI.create(uri)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    if (a.statusCode() != 204) {
      throw new IllegalStateException("delete " + uri + ": " + a.statusCode() + " " + a.body());
    }
  }
}
