package net.vdn.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.emulation.linux.Bmv2Switches;
import net.vdn.emulation.linux.Iperf;
import net.vdn.emulation.linux.LinuxRig;
import net.vdn.emulation.linux.RigSwitches;
import net.vdn.emulation.linux.RigTopology;
import net.vdn.emulation.linux.Softswitches;
import net.vdn.pipeconf.SlicingPipeline;

/**
 * TCP goodput through a metered slice, as a share of its committed rate, for several rates on the
 * softswitch and on BMv2, in one run: three switches in a line joined by veth pairs, hosts in
 * network namespaces, the controller programming a slice between them, iperf3 (cubic) for a few
 * seconds per rate. Also the path's capacity with the slice's rate out of the way, which bounds
 * what any rate can show. Needs root, iperf3 and (for BMv2) simple_switch_grpc.
 *
 * <p>Usage: {@code TcpGoodputBench [--rates 1,10,100,1000] [--seconds 5] [--burst-ms 250]}.
 */
public final class TcpGoodputBench {
  private TcpGoodputBench() {}

  public static void main(String[] args) throws Exception {
    String missing = LinuxRig.unavailable();
    if (missing != null) {
      System.out.println("SUMMARY tcp-goodput skipped: " + missing);
      return;
    }
    List<Long> rates = new ArrayList<>();
    for (String r : PacketRateBench.arg(args, "--rates", "1,10,100,1000").split(",")) {
      rates.add(Long.parseLong(r.trim()));
    }
    int seconds = Integer.parseInt(PacketRateBench.arg(args, "--seconds", "5"));
    int burst = Integer.parseInt(PacketRateBench.arg(args, "--burst-ms", "0"));
    StringBuilder summary = new StringBuilder("SUMMARY tcp-goodput/CIR");
    for (String kind : List.of("softswitch", "BMv2")) {
      if (kind.equals("BMv2") && Bmv2Switches.unavailable() != null) {
        summary.append(" | BMv2 skipped: ").append(Bmv2Switches.unavailable());
        continue;
      }
      summary.append(" | ").append(kind).append(':');
      try (LinuxRig rig = LinuxRig.create(RigTopology.line(3));
          RigSwitches switches =
              kind.equals("BMv2")
                  ? Bmv2Switches.start(rig, SlicingPipeline.config().deviceConfig())
                  : Softswitches.start(rig);
          Controller c = Controller.start(options(switches, rig.topology()))) {
        String base = "http://127.0.0.1:" + c.restPort() + "/api/v1/slices";
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (c.services().topology().links().size() < 4 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        call("POST", base, slice(900, burst));
        rig.ping("a1", "10.0.0.2", 2);
        double path = Iperf.tcp(rig, "a1", "a2", seconds).receivedBps();
        summary.append(String.format(Locale.ROOT, " path %.1f Mb/s;", path / 1e6));
        for (long mbps : rates) {
          call("PUT", base + "/a", slice(mbps, burst));
          Iperf.Result tcp = Iperf.tcp(rig, "a1", "a2", seconds);
          double share = tcp.receivedBps() / (mbps * 1e6);
          System.out.printf(
              Locale.ROOT,
              "%s CIR %d Mb/s: TCP %.2f Mb/s = %.2f of CIR, %d retransmits (path %.1f Mb/s)%n",
              kind,
              mbps,
              tcp.mbps(),
              share,
              tcp.retransmits(),
              path / 1e6);
          summary.append(String.format(Locale.ROOT, " %dM %.2f", mbps, share));
        }
      }
    }
    System.out.println(summary);
  }

  private static ControllerOptions options(RigSwitches switches, RigTopology topology) {
    List<DeviceConfig> devices = new ArrayList<>();
    for (int sw = 1; sw <= topology.switches(); sw++) {
      devices.add(
          new DeviceConfig(
              "s" + sw,
              DeviceConfig.P4RUNTIME,
              switches.address(sw),
              1,
              DeviceConfig.SLICING,
              null,
              topology.ports(sw),
              RigSwitches.PORT_SPEED_BPS));
    }
    try {
      return ControllerOptions.defaults(Files.createTempDirectory("vdn-bench-").resolve("s.json"))
          .withRest("127.0.0.1", 0)
          .withDiscoveryInterval(Duration.ofMillis(200))
          .withDevices(devices);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String slice(long mbps, int burstMs) {
    return """
        {"name": "a", "tenant": "t", "sliceId": 100, "cirBps": %d, %s
         "endpoints": [{"device": "s1", "port": 1}, {"device": "s3", "port": 1}]}"""
        .formatted(mbps * 1_000_000, burstMs > 0 ? "\"burstMs\": " + burstMs + "," : "");
  }

  private static void call(String method, String url, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .method(method, HttpRequest.BodyPublishers.ofString(body))
                  .header("Content-Type", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + url + ": " + r.statusCode() + " " + r.body());
      }
    }
  }
}
