package net.vdn.controller;

import static net.vdn.controller.ControllerFixture.SQUARE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import net.vdn.optical.tl1.Tl1Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slices with a dedicated wavelength: two TL1 network elements (the project's simulator) form the
 * optical route between s1's and s3's sites; the controller adds and removes the cross-connects
 * with the slice, all or none.
 */
class OpticalSlicesTest {
  @TempDir Path dir;

  private static String device(String name, Tl1Simulator ne) {
    return """
        {"name": "%s", "driver": "tl1", "host": "127.0.0.1", "port": %d, "tid": "%s",
         "user": "admin", "password": "secret"}"""
        .formatted(name, ne.port(), ne.tid());
  }

  private static final String ROUTE =
      """
      {"siteA": "s1", "siteB": "s3", "hops": [
        {"device": "ne-a", "sourcePort": "CLIENT-1", "destinationPort": "LINE-1"},
        {"device": "ne-b", "sourcePort": "LINE-1", "destinationPort": "CLIENT-1"}]}""";

  private static String slice(String name, int id, int port, String wavelength) {
    return """
        {"name": "%s", "tenant": "t", "sliceId": %d, "cirBps": 10000000,
         "endpoints": [{"device": "s1", "port": %d}, {"device": "s3", "port": %d}],
         "wavelength": %s}"""
        .formatted(name, id, port, port, wavelength);
  }

  @Test
  void aSliceGetsItsWavelengthOnEveryDeviceOfTheRouteAndGivesItBack() throws Exception {
    try (Tl1Simulator a = Tl1Simulator.start();
        Tl1Simulator b = Tl1Simulator.start();
        ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      Http.Answer added = f.http.post("/api/v1/optical/devices", device("ne-a", a));
      assertThat(added.code()).as(added.text()).isEqualTo(201);
      assertThat(f.http.post("/api/v1/optical/devices", device("ne-b", b)).code()).isEqualTo(201);
      Http.Answer route = f.http.post("/api/v1/optical/routes", ROUTE);
      assertThat(route.code()).as(route.text()).isEqualTo(201);

      Http.Answer first =
          f.http.post("/api/v1/slices", slice("a", 100, 10, "{\"between\": [\"s1\", \"s3\"]}"));
      assertThat(first.code()).as(first.text()).isEqualTo(201);
      assertThat(first.json().at("/wavelength/frequencyMhz").asLong()).isEqualTo(191_300_000L);
      assertThat(names(a)).containsEntry("vdn-100", 191_300_000L);
      assertThat(names(b)).containsEntry("vdn-100", 191_300_000L);
      // The same ports cannot carry a second cross-connect: the device's refusal is a 502, and
      // nothing of the second slice is left.
      Http.Answer same =
          f.http.post("/api/v1/slices", slice("b", 200, 11, "{\"between\": [\"s3\", \"s1\"]}"));
      assertThat(same.code()).as(same.text()).isEqualTo(502);
      assertThat(names(a)).containsOnlyKeys("vdn-100");
      // Another route over the same two devices (other ports) gets the next free frequency.
      String route2 = ROUTE.replace("s3", "s2").replace("-1", "-2");
      assertThat(f.http.post("/api/v1/optical/routes", route2).code()).isEqualTo(201);
      Http.Answer second =
          f.http.post("/api/v1/slices", slice("b", 200, 11, "{\"between\": [\"s2\", \"s1\"]}"));
      assertThat(second.code()).as(second.text()).isEqualTo(201);
      assertThat(second.json().at("/wavelength/frequencyMhz").asLong()).isEqualTo(191_350_000L);
      // A retried create is idempotent though the request named no frequency.
      assertThat(
              f.http
                  .post("/api/v1/slices", slice("a", 100, 10, "{\"between\": [\"s1\", \"s3\"]}"))
                  .code())
          .isEqualTo(200);
      JsonNode channels = f.http.get("/api/v1/optical/devices/ne-a/channels").json();
      assertThat(channels).hasSize(2);

      // The wavelength survives a controller restart without being rewritten.
      int entered = a.received("ENT-CRS-OCH");
      f.restartController();
      assertThat(f.http.get("/api/v1/optical/devices").json()).hasSize(2);
      assertThat(f.http.get("/api/v1/optical/routes").json()).hasSize(2);
      assertThat(f.http.get("/api/v1/slices/a").json().at("/wavelength/frequencyMhz").asLong())
          .isEqualTo(191_300_000L);
      assertThat(a.received("ENT-CRS-OCH")).isEqualTo(entered);

      // The same through vdnctl: channels as the devices report them, a slice with a wavelength.
      java.io.StringWriter out = new java.io.StringWriter();
      var cli = net.vdn.controller.cli.Vdnctl.commandLine();
      cli.setOut(new java.io.PrintWriter(out, true));
      String url = "http://127.0.0.1:" + f.controller.restPort();
      assertThat(cli.execute("--url", url, "optical", "channels", "ne-a")).isZero();
      assertThat(out.toString()).contains("vdn-100").contains("191300000").contains("CLIENT-1");
      String[] addRoute = {
        "--url",
        url,
        "optical",
        "route",
        "s1",
        "s4",
        "--hop",
        "ne-a:CLIENT-3:LINE-2",
        "--hop",
        "ne-b:LINE-2:CLIENT-3"
      };
      assertThat(cli.execute(addRoute)).isZero();
      String[] create = {
        "--url",
        url,
        "slice",
        "create",
        "c",
        "--tenant",
        "t",
        "--id",
        "300",
        "--endpoint",
        "s1:12",
        "--endpoint",
        "s4:12",
        "--cir",
        "1M",
        "--wavelength",
        "s1,s4"
      };
      assertThat(cli.execute(create)).isZero();
      assertThat(names(a)).containsEntry("vdn-300", 191_400_000L);
      assertThat(f.http.delete("/api/v1/slices/c").code()).isEqualTo(204);

      assertThat(f.http.delete("/api/v1/slices/a").code()).isEqualTo(204);
      assertThat(names(a)).doesNotContainKey("vdn-100").containsKey("vdn-200");
      assertThat(names(b)).doesNotContainKey("vdn-100");
      // A frequency another slice holds on the route is refused.
      Http.Answer taken =
          f.http.post(
              "/api/v1/slices",
              slice("c", 300, 12, "{\"between\": [\"s1\", \"s3\"], \"frequencyMhz\": 191350000}"));
      assertThat(taken.code()).as(taken.text()).isEqualTo(409);
    }
  }

  @Test
  void aDeviceThatRefusesLeavesNothingBehindOnAnyDevice() throws Exception {
    try (Tl1Simulator a = Tl1Simulator.start();
        Tl1Simulator b = Tl1Simulator.start();
        ControllerFixture f = ControllerFixture.start(SQUARE, dir)) {
      f.awaitLinks(8);
      f.http.post("/api/v1/optical/devices", device("ne-a", a));
      f.http.post("/api/v1/optical/devices", device("ne-b", b));
      f.http.post("/api/v1/optical/routes", ROUTE);
      Map<String, Integer> mirrors = f.mirrorSizes();

      b.denyNext("SROF");
      Http.Answer refused =
          f.http.post("/api/v1/slices", slice("a", 100, 10, "{\"between\": [\"s1\", \"s3\"]}"));
      assertThat(refused.code()).as(refused.text()).isEqualTo(502);
      assertThat(refused.json().at("/error/status").asText()).isEqualTo("OPTICAL_ERROR");
      assertThat(a.crossConnects()).isEmpty();
      assertThat(b.crossConnects()).isEmpty();
      assertThat(f.http.get("/api/v1/slices").json()).isEmpty();
      Map<String, Integer> after = f.mirrorSizes();
      assertThat(after).isEqualTo(mirrors);

      // No route between the sites: refused before anything is written.
      Http.Answer noRoute =
          f.http.post("/api/v1/slices", slice("x", 101, 10, "{\"between\": [\"s1\", \"s2\"]}"));
      assertThat(noRoute.code()).isEqualTo(409);
      assertThat(noRoute.json().at("/error/message").asText()).contains("no optical route");
      // Bad optical input names its field.
      Http.Answer bad =
          f.http.post("/api/v1/slices", slice("y", 102, 10, "{\"between\": [\"s1\"]}"));
      assertThat(bad.json().at("/error/field").asText()).isEqualTo("wavelength.between");
      Http.Answer badDevice =
          f.http.post("/api/v1/optical/devices", device("ne-c", a).replace("\"tl1\"", "\"snmp\""));
      assertThat(badDevice.json().at("/error/field").asText()).isEqualTo("driver");
      // Once the device accepts again, the slice is provisioned whole.
      Http.Answer ok =
          f.http.post("/api/v1/slices", slice("a", 100, 10, "{\"between\": [\"s1\", \"s3\"]}"));
      assertThat(ok.code()).as(ok.text()).isEqualTo(201);
      assertThat(a.crossConnects()).hasSize(1);
      assertThat(b.crossConnects()).hasSize(1);
    }
  }

  private static Map<String, Long> names(Tl1Simulator ne) {
    Map<String, Long> out = new TreeMap<>();
    ne.crossConnects().values().forEach(c -> out.put(c.name(), c.frequencyMhz()));
    return out;
  }
}
