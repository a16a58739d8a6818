package net.vdn.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input the REST API refuses only once it meets the network: link ports, unknown and unreachable
 * devices. (Malformed bodies are refused before that, without any switch: {@link
 * RestValidationTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestInputTest {
  @TempDir static Path dir;
  ControllerFixture f;

  @BeforeAll
  void start() throws Exception {
    f = ControllerFixture.start(ControllerFixture.SQUARE, dir);
    f.awaitLinks(8);
  }

  @AfterAll
  void stop() {
    f.close();
  }

  private static final String GOOD =
      """
      {"name": "a", "tenant": "t", "sliceId": 100, "cirBps": 1000000, "pirBps": 2000000,
       "endpoints": [{"device": "s1", "port": 10, "srcPrefix": "10.0.0.0/24",
                      "hostMac": "00:00:00:00:0a:01"}, {"device": "s3", "port": 10}]}""";

  @Test
  void theGoodBodyIsAcceptedSoTheCasesAboveFailForTheirFieldAlone() {
    Http.Answer r = f.http.post("/api/v1/slices", GOOD);
    assertThat(r.code()).as(r.text()).isEqualTo(201);
    assertThat(f.http.delete("/api/v1/slices/a").code()).isEqualTo(204);
  }

  @Test
  void unknownDevicesRoutesAndBodiesGetClearAnswers() throws Exception {
    Map<String, Integer> mirrors = f.mirrorSizes();
    Http.Answer notJson = f.http.post("/api/v1/slices", "{not json");
    assertThat(notJson.code()).isEqualTo(400);
    assertThat(notJson.json().at("/error/field").asText()).isEqualTo("body");
    Http.Answer noDevice =
        f.http.post("/api/v1/slices", GOOD.replace("\"device\": \"s3\"", "\"device\": \"s9\""));
    assertThat(noDevice.code()).as(noDevice.text()).isEqualTo(404);
    assertThat(f.http.get("/api/v1/nothing").code()).isEqualTo(404);
    assertThat(f.http.get("/api/v1/slices/none").json().at("/error/message").asText())
        .isEqualTo("no slice 'none'");
    Http.Answer badDevice =
        f.http.post(
            "/api/v1/devices", "{\"name\": \"x\", \"p4runtime\": \"nowhere\", \"deviceId\": 1}");
    assertThat(badDevice.code()).isEqualTo(400);
    assertThat(badDevice.json().at("/error/field").asText()).isEqualTo("p4runtime");
    Http.Answer badPort = f.http.put("/api/v1/devices/s1/ports/1", "{\"enabled\": \"yes\"}");
    assertThat(badPort.json().at("/error/field").asText()).isEqualTo("enabled");
    Http.Answer edge = f.http.post("/api/v1/slices", GOOD.replace("\"port\": 10}", "\"port\": 1}"));
    assertThat(edge.code()).as(edge.text()).isEqualTo(409);
    assertThat(edge.text()).contains("link port");
    // A declared device that cannot be reached: 503, and nothing is written anywhere.
    int dead;
    try (var probe = new java.net.ServerSocket(0)) {
      dead = probe.getLocalPort();
    }
    Http.Answer declared =
        f.http.post(
            "/api/v1/devices",
            "{\"name\": \"s9\", \"p4runtime\": \"127.0.0.1:" + dead + "\", \"deviceId\": 9}");
    assertThat(declared.code()).isEqualTo(201);
    assertThat(f.http.get("/api/v1/devices/s9").json().get("state").asText())
        .isEqualTo("connecting");
    Http.Answer unreachable =
        f.http.post(
            "/api/v1/slices",
            GOOD.replace("\"s1\"", "\"s9\"")
                .replace("\"device\": \"s3\", \"port\": 10", "\"device\": \"s9\", \"port\": 11"));
    assertThat(unreachable.code()).as(unreachable.text()).isEqualTo(503);
    assertThat(unreachable.json().at("/error/status").asText()).isEqualTo("DEVICE_UNAVAILABLE");
    assertThat(f.http.get("/api/v1/slices").json()).isEmpty();
    assertThat(f.http.delete("/api/v1/devices/s9").code()).isEqualTo(204);
    assertThat(f.http.get("/api/v1/devices").json()).hasSize(4);
    Map<String, Integer> after = f.mirrorSizes();
    assertThat(after).isEqualTo(mirrors);
  }
}
