package net.vdn.controller.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;

/**
 * Generated hostile bodies on every endpoint that takes one, sent by an operator (who gets past
 * authorization to the body's reading): wrong types, huge numbers, deep nesting, long strings,
 * unknown fields, invalid UTF-8. Never a 500, never a stack trace in an answer, never a change when
 * the request is refused.
 */
class HostileBodiesTest {
  static Controller controller;
  static Caller op;

  static final List<String[]> ENDPOINTS =
      List.of(
          new String[] {"POST", "/api/v1/slices"},
          new String[] {"PUT", "/api/v1/slices/x"},
          new String[] {"POST", "/api/v1/devices"},
          new String[] {"PUT", "/api/v1/devices/s1/ports/1"},
          new String[] {"POST", "/api/v1/optical/devices"},
          new String[] {"POST", "/api/v1/optical/routes"},
          new String[] {"POST", "/api/v1/grants"},
          new String[] {"POST", "/api/v1/tokens"});

  static final List<String> FIELDS =
      List.of(
          "name",
          "tenant",
          "sliceId",
          "endpoints",
          "cirBps",
          "pirBps",
          "burstMs",
          "trafficClass",
          "wavelength",
          "device",
          "port",
          "vlan",
          "role",
          "description",
          "p4runtime",
          "deviceId",
          "gnmi",
          "ports",
          "enabled",
          "driver",
          "host",
          "hops",
          "siteA",
          "siteB",
          "srcPrefix");

  @BeforeContainer
  static void start() {
    controller =
        Controller.start(
            ControllerOptions.inMemory()
                .withRest("127.0.0.1", 0)
                .withSecurity(SecurityOptions.apiTokens()));
    op = new Caller(controller.restPort(), controller.firstOperatorToken().orElseThrow());
  }

  @AfterContainer
  static void stop() {
    controller.close();
  }

  static String state() {
    StringBuilder s = new StringBuilder();
    for (String p :
        List.of(
            "/api/v1/slices",
            "/api/v1/devices",
            "/api/v1/grants",
            "/api/v1/optical/devices",
            "/api/v1/optical/routes")) {
      s.append(op.get(p).text());
    }
    return s.toString();
  }

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.strings().numeric().ofMinLength(20).ofMaxLength(400),
            Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "1e999"),
            Arbitraries.of("true", "false", "null", "-0", "1e308", "-1e309", "[]", "{}", "\"\""),
            Arbitraries.strings().ofMaxLength(50).map(HostileBodiesTest::quote),
            Arbitraries.strings()
                .ofMinLength(10_000)
                .ofMaxLength(70_000)
                .map(HostileBodiesTest::quote),
            Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n)),
            Arbitraries.integers()
                .between(1, 3000)
                .map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)));
    return leaf;
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> objects =
        Combinators.combine(
                Arbitraries.of(FIELDS).list().ofMaxSize(6),
                values().list().ofMinSize(6).ofMaxSize(6),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
            .as(
                (names, vals, unknown) -> {
                  StringBuilder b = new StringBuilder("{");
                  for (int i = 0; i < names.size(); i++) {
                    b.append(quote(names.get(i))).append(':').append(vals.get(i)).append(',');
                  }
                  b.append(quote(unknown)).append(":1}");
                  return b.toString();
                });
    return Arbitraries.oneOf(
        objects,
        values(),
        Arbitraries.strings().ofMaxLength(200),
        objects.map(o -> o.substring(0, o.length() / 2)));
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  void check(String method, String path, byte[] body) {
    String before = state();
    Caller.Answer a =
        op.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.restPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + controller.firstOperatorToken().orElseThrow())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    assertThat(a.code()).as(method + " " + path + ": " + a.text()).isLessThan(500);
    assertThat(a.text()).doesNotContain("Exception").doesNotContain("\tat ");
    if (a.code() >= 400) {
      assertThat(state()).as("state after a refused " + method + " " + path).isEqualTo(before);
    }
  }

  @Property(tries = 150)
  void aHostileBodyIsAnsweredWithoutA500AndChangesNothing(
      @ForAll("bodies") String body, @ForAll("endpoint") int endpoint) {
    String[] e = ENDPOINTS.get(endpoint);
    check(e[0], e[1], body.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 40)
  void invalidUtf8IsRefusedWithoutA500(
      @ForAll("endpoint") int endpoint, @ForAll("garbage") byte[] garbage) {
    String[] e = ENDPOINTS.get(endpoint);
    byte[] body = new byte[garbage.length + 12];
    byte[] start = "{\"name\": \"".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(garbage, 0, body, start.length, garbage.length);
    body[body.length - 2] = '"';
    body[body.length - 1] = '}';
    check(e[0], e[1], body);
  }

  @Provide
  Arbitrary<Integer> endpoint() {
    return Arbitraries.integers().between(0, ENDPOINTS.size() - 1);
  }

  @Provide
  Arbitrary<byte[]> garbage() {
    return Arbitraries.bytes()
        .between((byte) 0x80, (byte) 0xff)
        .array(byte[].class)
        .ofMinSize(1)
        .ofMaxSize(64);
  }
}
