package net.vdn.controller.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two tenants and an operator (and callers without or with a bad token) against every endpoint and
 * method of the API, on four emulated switches with authentication on. Each cell's expected answer
 * is written below as the test's data; every refused call leaves the state exactly as it was.
 * Tenant a holds slice {@code sa} (id 100) on ports 10, tenant b holds {@code sb} (id 200) on ports
 * 11; each is granted only its own ports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantIsolationTest {
  static final String SA =
      ControllerFixture.slice("sa", "a", 100, 10, 1_000_000).replace("\"tenant\": \"a\", ", "");
  static final String SB = ControllerFixture.slice("sb", "b", 200, 11, 1_000_000);

  /** On tenant a's ports, taken by sa. */
  static final String SA_CLASH = ControllerFixture.slice("sa2", "a", 101, 10, 1_000_000);

  /** On tenant b's own ports but with sa's slice id. */
  static final String SB_ID_CLASH = ControllerFixture.slice("sb2", "b", 100, 11, 1_000_000);

  /** Tenant b on tenant a's ports. */
  static final String B_ON_A = ControllerFixture.slice("sb3", "b", 300, 10, 1_000_000);

  /** The callers, in the order of the expected answers in {@link #cells}. */
  static final List<String> CALLERS =
      List.of("op", "a-admin", "a-viewer", "b-admin", "none", "bad");

  EmulatedNetwork net;
  Controller controller;
  final Map<String, Caller> callers = new LinkedHashMap<>();

  @BeforeAll
  void start() throws Exception {
    net = EmulatedNetwork.start(ControllerFixture.SQUARE, 0);
    List<DeviceConfig> devices = new ArrayList<>();
    for (Topology.Switch s : net.topology().switches()) {
      devices.add(DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId()));
    }
    controller =
        Controller.start(
            ControllerOptions.inMemory()
                .withRest("127.0.0.1", 0)
                .withDiscoveryInterval(Duration.ofMillis(200))
                .withDevices(devices)
                .withSecurity(SecurityOptions.apiTokens()));
    ControllerFixture.await(
        () -> controller.services().topology().links().size() == 8,
        Duration.ofSeconds(10),
        () -> "links");
    String op = controller.firstOperatorToken().orElseThrow();
    int port = controller.restPort();
    callers.put("op", new Caller(port, op));
    callers.put("a-admin", new Caller(port, token(op, "a", "tenant-admin")));
    callers.put("a-viewer", new Caller(port, token(op, "a", "tenant-viewer")));
    callers.put("b-admin", new Caller(port, token(op, "b", "tenant-admin")));
    callers.put("none", new Caller(port, null));
    callers.put("bad", new Caller(port, "vdn_0123456789abcdef_" + "x".repeat(43)));
    Caller o = callers.get("op");
    for (String grant :
        List.of(
            "{\"tenant\": \"a\", \"device\": \"s1\", \"port\": 10}",
            "{\"tenant\": \"a\", \"device\": \"s3\", \"port\": 10}",
            "{\"tenant\": \"b\", \"device\": \"s1\", \"port\": 11}",
            "{\"tenant\": \"b\", \"device\": \"s3\", \"port\": 11}")) {
      assertThat(o.call("POST", "/api/v1/grants", grant).code()).isEqualTo(201);
    }
    assertThat(callers.get("a-admin").call("POST", "/api/v1/slices", SA).code()).isEqualTo(201);
    assertThat(callers.get("b-admin").call("POST", "/api/v1/slices", SB).code()).isEqualTo(201);
  }

  private String token(String op, String tenant, String role) {
    Caller o = new Caller(controller.restPort(), op);
    Caller.Answer a =
        o.call(
            "POST",
            "/api/v1/tokens",
            "{\"tenant\": \"" + tenant + "\", \"role\": \"" + role + "\"}");
    assertThat(a.code()).as(a.text()).isEqualTo(201);
    return a.json().get("token").asText();
  }

  @AfterAll
  void stop() {
    if (controller != null) {
      controller.close();
    }
    if (net != null) {
      net.close();
    }
  }

  /** What a refused request could change, as an operator sees it. */
  String state() {
    Caller o = callers.get("op");
    StringBuilder s = new StringBuilder();
    for (String p :
        List.of(
            "/api/v1/slices",
            "/api/v1/devices",
            "/api/v1/grants",
            "/api/v1/tokens",
            "/api/v1/optical/devices",
            "/api/v1/optical/routes")) {
      s.append(o.get(p).text().replaceAll("\"(outBps|inBps|utilization)\" : [0-9.E-]+", ""));
    }
    return s.toString();
  }

  /**
   * Method, path, body (or null), then the expected answer for op, a-admin, a-viewer, b-admin,
   * none, bad. "-" is a cell not run here (a change that would take away what later cells need; the
   * tests below run them).
   */
  /** An inter-domain slice: this controller serves no domain (a viewer changes nothing). */
  static final String INTER_DOMAIN =
      "{\"name\": \"x\", \"endpoints\": [\"a:s1:10\", \"b:b2:10\"], \"cirBps\": 1000}";

  static Stream<Arguments> cells() {
    Object[][] rows = {
      {"GET", "/api/v1/health", null, "200 200 200 200 200 200"},
      {"GET", "/api/v1/openapi.json", null, "200 200 200 200 401 401"},
      {"GET", "/api/v1/whoami", null, "200 200 200 200 401 401"},
      {"GET", "/api/v1/devices", null, "200 403 403 403 401 401"},
      {"POST", "/api/v1/devices", "{\"name\": 7}", "400 403 403 403 401 401"},
      {"GET", "/api/v1/devices/s1", null, "200 403 403 403 401 401"},
      {"DELETE", "/api/v1/devices/nope", null, "404 403 403 403 401 401"},
      {"DELETE", "/api/v1/devices/s1", null, "409 403 403 403 401 401"},
      {"GET", "/api/v1/devices/s1/ports", null, "200 403 403 403 401 401"},
      {"PUT", "/api/v1/devices/s1/ports/10", "{\"enabled\": true}", "200 403 403 403 401 401"},
      {"POST", "/api/v1/devices/nope/reconcile", null, "404 403 403 403 401 401"},
      {"GET", "/api/v1/links", null, "200 403 403 403 401 401"},
      {"GET", "/api/v1/hosts", null, "200 403 403 403 401 401"},
      {"GET", "/api/v1/events", null, "200 200 200 200 401 401"},
      {"GET", "/api/v1/events?limit=0", null, "400 400 400 400 401 401"},
      {"GET", "/api/v1/slices", null, "200 200 200 200 401 401"},
      {"POST", "/api/v1/slices", SA, "400 200 403 403 401 401"},
      {"POST", "/api/v1/slices", SA_CLASH, "409 409 403 403 401 401"},
      {"POST", "/api/v1/slices", SB_ID_CLASH, "409 403 403 409 401 401"},
      {"POST", "/api/v1/slices", B_ON_A, "409 403 403 403 401 401"},
      {"GET", "/api/v1/slices/sa", null, "200 200 200 404 401 401"},
      {"GET", "/api/v1/slices/sb", null, "200 404 404 200 401 401"},
      {"PUT", "/api/v1/slices/sa", SA, "200 200 403 404 401 401"},
      {"PUT", "/api/v1/slices/sb", SB, "200 404 404 200 401 401"},
      {"DELETE", "/api/v1/slices/sa", null, "- - 403 404 401 401"},
      {"DELETE", "/api/v1/slices/sb", null, "- 404 404 - 401 401"},
      {"GET", "/api/v1/slices/sa/stats", null, "200 200 200 404 401 401"},
      {"GET", "/api/v1/slices/sb/stats", null, "200 404 404 200 401 401"},
      {"GET", "/api/v1/openflow/switches", null, "200 403 403 403 401 401"},
      {"GET", "/api/v1/optical/devices", null, "200 403 403 403 401 401"},
      {"POST", "/api/v1/optical/devices", "{}", "400 403 403 403 401 401"},
      {"DELETE", "/api/v1/optical/devices/nope", null, "404 403 403 403 401 401"},
      {"GET", "/api/v1/optical/devices/nope/channels", null, "404 403 403 403 401 401"},
      {"GET", "/api/v1/optical/routes", null, "200 403 403 403 401 401"},
      {"POST", "/api/v1/optical/routes", "{}", "400 403 403 403 401 401"},
      {"GET", "/api/v1/grants", null, "200 200 200 200 401 401"},
      {
        "POST",
        "/api/v1/grants",
        "{\"tenant\": \"a\", \"device\": \"s1\", \"port\": 10}",
        "201 403 403 403 401 401"
      },
      {
        "POST",
        "/api/v1/grants",
        "{\"tenant\": \"b\", \"device\": \"s1\", \"port\": 10}",
        "409 403 403 403 401 401"
      },
      {"DELETE", "/api/v1/grants/a/s1/10", null, "409 403 403 403 401 401"},
      {"DELETE", "/api/v1/grants/a/s2/10", null, "404 403 403 403 401 401"},
      {"GET", "/api/v1/tokens", null, "200 403 403 403 401 401"},
      {"POST", "/api/v1/tokens", "{\"role\": \"boss\"}", "400 403 403 403 401 401"},
      {"DELETE", "/api/v1/tokens/0000000000000000", null, "404 403 403 403 401 401"},
      {"GET", "/api/v1/audit", null, "200 403 403 403 401 401"},
      {"GET", "/api/v1/federation", null, "404 403 403 403 401 401"},
      {"POST", "/api/v1/slices", INTER_DOMAIN, "400 400 403 400 401 401"},
      {"GET", "/metrics", null, "200 403 403 403 401 401"},
      {"GET", "/api/v1/nothing", null, "404 404 404 404 404 404"},
    };
    List<Arguments> out = new ArrayList<>();
    for (Object[] row : rows) {
      String[] expected = ((String) row[3]).split(" ");
      for (int i = 0; i < CALLERS.size(); i++) {
        if (!expected[i].equals("-")) {
          out.add(
              Arguments.of(CALLERS.get(i), row[0], row[1], row[2], Integer.parseInt(expected[i])));
        }
      }
    }
    return out.stream();
  }

  @Order(1)
  @ParameterizedTest(name = "{0} {1} {2} -> {4}")
  @MethodSource("cells")
  void eachCallerGetsTheAnswerWrittenForIt(
      String caller, String method, String path, String body, int expected) {
    String before = state();
    Caller.Answer a = callers.get(caller).call(method, path, body);
    assertThat(a.code())
        .as(caller + " " + method + " " + path + ": " + a.text())
        .isEqualTo(expected);
    assertThat(a.text()).doesNotContain("Exception").doesNotContain("\tat ");
    if (expected >= 400) {
      assertThat(state()).as("state after a refused call").isEqualTo(before);
    }
  }

  @Order(2)
  @Test
  void aTenantNeverLearnsTheNameOfAnotherTenantsSlice() {
    for (String body : List.of(SB_ID_CLASH, B_ON_A)) {
      Caller.Answer a = callers.get("b-admin").call("POST", "/api/v1/slices", body);
      assertThat(a.text()).doesNotContain("'sa'");
    }
    Caller.Answer a = callers.get("a-admin").call("POST", "/api/v1/slices", SA_CLASH);
    assertThat(a.json().at("/error/message").asText()).contains("'sa'");
    assertThat(callers.get("a-admin").get("/api/v1/slices").text()).doesNotContain("\"sb\"");
  }

  @Order(2)
  @Test
  void theTenantOfASliceComesFromTheCallerNeverFromTheBody() {
    Caller.Answer a =
        callers
            .get("a-admin")
            .call("POST", "/api/v1/slices", ControllerFixture.slice("sx", "b", 150, 10, 1000000));
    assertThat(a.code()).isEqualTo(403);
    assertThat(a.json().at("/error/field").asText()).isEqualTo("tenant");
    assertThat(callers.get("a-admin").get("/api/v1/slices/sa").json().get("tenant").asText())
        .isEqualTo("a");
  }

  @Order(2)
  @Test
  void everyChangeIsAuditedWithWhoWhatOutcomeAndRequestId() {
    Caller.Answer refused = callers.get("b-admin").call("DELETE", "/api/v1/slices/sa", null);
    String id = refused.raw().headers().firstValue("X-Request-Id").orElseThrow();
    Caller.Answer audit = callers.get("op").get("/api/v1/audit?limit=20");
    var rec =
        Stream.of(audit.json().toString())
            .flatMap(t -> java.util.stream.StreamSupport.stream(audit.json().spliterator(), false))
            .filter(r -> r.path("requestId").asText().equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(rec.path("who").asText()).startsWith("token:");
    assertThat(rec.path("tenant").asText()).isEqualTo("b");
    assertThat(rec.path("action").asText()).isEqualTo("DELETE /api/v1/slices/sa");
    assertThat(rec.path("status").asInt()).isEqualTo(404);
    assertThat(rec.path("outcome").asText()).isEqualTo("refused");
    assertThat(rec.path("time").asText()).isNotEmpty();
  }

  @Order(2)
  @Test
  void theEventListTellsATenantOnlyAboutItsOwnSlices() {
    String op = callers.get("op").get("/api/v1/events?limit=500").text();
    assertThat(op).contains("\"slice\" : \"sa\"", "\"slice\" : \"sb\"", "\"link-up\"");
    for (String tenant : List.of("a-admin", "a-viewer")) {
      Caller.Answer a = callers.get(tenant).get("/api/v1/events?limit=500");
      assertThat(a.json()).isNotEmpty();
      for (var e : a.json()) {
        assertThat(e.path("type").asText()).as(e.toString()).startsWith("slice-");
        assertThat(e.path("tenant").asText()).as(e.toString()).isEqualTo("a");
      }
      assertThat(a.text()).contains("\"sa\"").doesNotContain("\"sb\"");
    }
  }

  @Order(2)
  @Test
  void theEventStreamTellsATenantOnlyAboutItsOwnSlicesAsTheyHappen() throws Exception {
    var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + controller.restPort() + "/api/v1/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + callers.get("a-admin").token())
            .header("Last-Event-ID", "1000000")
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines())
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    Thread reader = Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
    try {
      // Changed rates: a change that changes nothing is no event.
      String sb = ControllerFixture.slice("sb", "b", 200, 11, 3_000_000);
      String sa = ControllerFixture.slice("sa", "a", 100, 10, 2_000_000);
      assertThat(callers.get("b-admin").call("PUT", "/api/v1/slices/sb", sb).code()).isEqualTo(200);
      assertThat(callers.get("a-admin").call("PUT", "/api/v1/slices/sa", sa).code()).isEqualTo(200);
      List<String> seen = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (seen.stream().noneMatch(l -> l.startsWith("data:") && l.contains("\"sa\""))
          && System.nanoTime() < deadline) {
        String l = lines.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (l != null) {
          seen.add(l);
        }
      }
      assertThat(seen).contains("event: slice-modified");
      assertThat(String.join("\n", seen)).contains("\"sa\"").doesNotContain("\"sb\"");
    } finally {
      response.body().close();
      reader.interrupt();
    }
  }

  @Order(3)
  @Test
  void lastATenantAdminDeletesItsOwnSliceAndAnOperatorAnyones() {
    assertThat(callers.get("a-admin").call("DELETE", "/api/v1/slices/sa", null).code())
        .isEqualTo(204);
    assertThat(callers.get("op").call("DELETE", "/api/v1/slices/sb", null).code()).isEqualTo(204);
    assertThat(callers.get("op").get("/api/v1/slices").json()).isEmpty();
  }
}
