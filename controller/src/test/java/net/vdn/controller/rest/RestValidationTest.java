package net.vdn.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input to the REST API, against a controller with in-memory stores and no switch at all: 400
 * naming the field (or 404 for what does not exist), never a stack trace, and nothing changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestValidationTest {
  Controller controller;
  Http http;

  @BeforeAll
  void start() {
    controller = Controller.start(ControllerOptions.inMemory().withRest("127.0.0.1", 0));
    http = new Http(controller.restPort());
  }

  @AfterAll
  void stop() {
    controller.close();
  }

  /** Everything the API shows that a refused request could change. */
  private String state() {
    return http.get("/api/v1/slices").text()
        + http.get("/api/v1/devices").text()
        + http.get("/api/v1/optical/devices").text()
        + http.get("/api/v1/optical/routes").text();
  }

  private static final String GOOD =
      """
      {"name": "a", "tenant": "t", "sliceId": 100, "cirBps": 1000000, "pirBps": 2000000,
       "endpoints": [{"device": "s1", "port": 10, "srcPrefix": "10.0.0.0/24",
                      "hostMac": "00:00:00:00:0a:01"}, {"device": "s3", "port": 10}]}""";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          tenant                  | /tenant                    | DELETE
          sliceId                 | /sliceId                   | 5000
          sliceId                 | /sliceId                   | "ten"
          cirBps                  | /cirBps                    | -1
          cirBps/pirBps           | /pirBps                    | 10
          trafficClass            | /trafficClass              | 9
          endpoints               | /endpoints                 | []
          endpoints[1].port       | /endpoints/1/port          | "x"
          endpoints[1].port       | /endpoints/1/port          | 9999
          endpoints[0].srcPrefix  | /endpoints/0/srcPrefix     | "10.0.0.0/33"
          endpoints[0].hostMac    | /endpoints/0/hostMac       | "00:zz"
          endpoints[1].device     | /endpoints/1/device        | 7
          endpoints[1].colour     | /endpoints/1/colour        | "red"
          colour                  | /colour                    | "red"
          """)
  void aBadSliceIsRefusedWith400NamingTheField(String field, String pointer, String value)
      throws Exception {
    String before = state();
    ObjectMapper json = new ObjectMapper();
    JsonNode body = json.readTree(GOOD);
    String parent = pointer.substring(0, pointer.lastIndexOf('/'));
    String leaf = pointer.substring(pointer.lastIndexOf('/') + 1);
    var node =
        (com.fasterxml.jackson.databind.node.ObjectNode) body.at(parent.isEmpty() ? "" : parent);
    if (value.equals("DELETE")) {
      node.remove(leaf);
    } else {
      node.set(leaf, json.readTree(value));
    }
    Http.Answer r = http.post("/api/v1/slices", json.writeValueAsString(body));
    assertThat(r.code()).as(r.text()).isEqualTo(400);
    assertThat(r.json().at("/error/field").asText()).isEqualTo(field);
    assertThat(r.json().at("/error/status").asText()).isEqualTo("BAD_REQUEST");
    assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(state()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          POST | /api/v1/devices          | {"name": "x", "p4runtime": "nowhere", "deviceId": 1}              | p4runtime
          POST | /api/v1/devices          | {"name": "", "p4runtime": "h:1", "deviceId": 1}                    | name
          POST | /api/v1/devices          | {"name": "x", "p4runtime": "h:1", "deviceId": -4}                  | deviceId
          POST | /api/v1/devices          | {"name": "x", "p4runtime": "h:1", "deviceId": 1, "ports": [0]}     | ports[0]
          POST | /api/v1/devices          | {"name": "x", "p4runtime": "h:1", "deviceId": 1, "driver": "snmp"} | driver
          POST | /api/v1/devices          | {"name": "x", "p4runtime": "h:1", "deviceId": 1, "colour": 1}      | colour
          POST | /api/v1/devices          | [1, 2]                                                             | body
          PUT  | /api/v1/devices/s1/ports/1 | {"enabled": "yes"}                                               | enabled
          POST | /api/v1/slices           | {"name": "a", "tenant": "t", "sliceId": 1, "cirBps": 1, "burstMs": 0, "endpoints": []} | burstMs
          POST | /api/v1/slices           | {"name": "a", "tenant": "t", "sliceId": 1, "cirBps": 1e30, "endpoints": []} | cirBps
          POST | /api/v1/optical/devices  | {"name": "ne", "driver": "tl1", "host": "h", "port": 99999, "user": "u"} | port
          POST | /api/v1/optical/devices  | {"name": "ne", "driver": "snmp", "host": "h", "port": 1, "user": "u"} | driver
          POST | /api/v1/optical/routes   | {"siteA": "a", "siteB": "a", "hops": []}                            | siteA/siteB
          POST | /api/v1/optical/routes   | {"siteA": "a", "siteB": "b", "hops": [{"device": 3}]}               | hops[0].device
          """)
  void badBodiesAreRefusedWith400NamingTheFieldAndChangeNothing(
      String method, String path, String body, String field) {
    String before = state();
    Http.Answer r = method.equals("PUT") ? http.put(path, body) : http.post(path, body);
    if (path.startsWith("/api/v1/devices/s1")) {
      // No device s1 here: the device is looked up first.
      assertThat(r.code()).as(r.text()).isEqualTo(404);
    } else {
      assertThat(r.code()).as(r.text()).isEqualTo(400);
      assertThat(r.json().at("/error/field").asText()).isEqualTo(field);
    }
    assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void unknownThingsAndMalformedJsonGetClearAnswers() {
    String before = state();
    Http.Answer notJson = http.post("/api/v1/slices", "{not json");
    assertThat(notJson.code()).isEqualTo(400);
    assertThat(notJson.json().at("/error/field").asText()).isEqualTo("body");
    Http.Answer noDevice = http.post("/api/v1/slices", GOOD);
    assertThat(noDevice.code()).as(noDevice.text()).isEqualTo(404);
    assertThat(noDevice.json().at("/error/message").asText()).contains("no device 's1'");
    assertThat(http.get("/api/v1/nothing").code()).isEqualTo(404);
    assertThat(http.get("/api/v1/slices/none").json().at("/error/message").asText())
        .isEqualTo("no slice 'none'");
    assertThat(http.delete("/api/v1/slices/none").code()).isEqualTo(404);
    assertThat(http.delete("/api/v1/devices/none").code()).isEqualTo(404);
    assertThat(http.get("/api/v1/devices/none/ports").code()).isEqualTo(404);
    assertThat(http.put("/api/v1/slices/none", GOOD).code()).isEqualTo(404);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void theOpenApiDocumentDescribesEveryRoute() {
    JsonNode doc = http.get("/api/v1/openapi.json").json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    for (String path : RestServer.paths()) {
      assertThat(doc.get("paths").has(path)).as(path).isTrue();
    }
    Iterator<String> documented = doc.get("paths").fieldNames();
    while (documented.hasNext()) {
      String p = documented.next();
      if (!p.equals("/metrics")) {
        assertThat(RestServer.paths()).contains(p);
      }
    }
  }
}
