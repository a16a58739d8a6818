package net.vdn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's walkthrough, step by step, over HTTP against the main job's wiring. */
class WalkthroughTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static JsonNode call(int port, String method, String path, String body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
    return r.body().isEmpty() ? null : JSON.readTree(r.body());
  }

  @Test
  void twoTenantsGetIsolatedRateLimitedSlicesAcrossKreonetS(@TempDir Path dir) throws Exception {
    Topology k = Topology.kreonetS();
    try (EmulatedNetwork net = EmulatedNetwork.start(k, 0)) {
      List<DeviceConfig> devices = new ArrayList<>();
      k.switches()
          .forEach(
              s ->
                  devices.add(
                      DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId())));
      ControllerOptions o =
          ControllerOptions.defaults(dir.resolve("vdn-state.json"))
              .withRest("127.0.0.1", 0)
              .withDevices(devices);
      try (Controller c = Controller.start(o, routes -> EmulationApi.register(routes, net))) {
        int port = c.restPort();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (c.services().topology().links().size() < 20 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(call(port, "GET", "/api/v1/links", null)).hasSize(20);
        JsonNode a =
            call(
                port,
                "POST",
                "/api/v1/slices",
                """
                {"name": "tenant-a", "tenant": "a", "sliceId": 101, "cirBps": 100000000,
                 "endpoints": [{"device": "seoul", "port": 10}, {"device": "changwon", "port": 10}]}""");
        assertThat(a.get("devices")).hasSizeGreaterThanOrEqualTo(3);
        call(
            port,
            "POST",
            "/api/v1/slices",
            """
            {"name": "tenant-b", "tenant": "b", "sliceId": 102, "cirBps": 20000000,
             "endpoints": [{"device": "seoul", "port": 11}, {"device": "changwon", "port": 11}]}""");
        String ping = "{\"from\": \"%s\", \"to\": \"%s\"}";
        assertThat(
                call(port, "POST", "/emulation/ping", ping.formatted("h1-seoul", "10.0.5.1"))
                    .get("reply")
                    .asBoolean())
            .isTrue();
        assertThat(
                call(port, "POST", "/emulation/ping", ping.formatted("h2-seoul", "10.0.5.2"))
                    .get("reply")
                    .asBoolean())
            .isTrue();
        assertThat(
                call(port, "POST", "/emulation/ping", ping.formatted("h1-seoul", "10.0.5.2"))
                    .get("reply")
                    .asBoolean())
            .isFalse();
        JsonNode t =
            call(
                port,
                "POST",
                "/emulation/traffic",
                """
                {"from": "h2-seoul", "to": "10.0.5.2", "mbps": 50, "seconds": 2}""");
        // 20 Mb/s of 1042-byte frames carry 19.2 Mb/s of payload; a fresh slice's meter also lets
        // its burst through at once (250 ms at 20 Mb/s by default), 2.4 Mb/s over these 2 s.
        assertThat(t.get("deliveredMbps").asDouble()).isBetween(19.2 * 0.9, (19.2 + 2.4) * 1.1);
        assertThat(t.get("lossPercent").asDouble()).isGreaterThan(50);
      }
    }
  }
}
