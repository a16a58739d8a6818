package net.vdn.controller.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SAML 2.0 browser sign-in against a real identity provider, Debian's SimpleSAMLphp, started by
 * this test: a browser (an HTTP client that follows redirects and posts forms) goes to the
 * controller's sign-in, is sent to the IdP with an AuthnRequest, signs in there with a password,
 * and brings the IdP's signed answer back to the controller's assertion consumer service; the IdP's
 * attributes become a user, a tenant and a role by the controller's configuration, and the
 * browser's session cookie then works on the API (an operator grants ports, a tenant admin creates
 * a slice of its tenant on emulated switches, a viewer of another tenant does not see it). Answers
 * that were replayed, altered, or answer no request of the controller are refused with 401, open no
 * session and change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimpleSamlPhpSignInTest {
  static final String SP_ENTITY_ID = "https://vdn.test/saml";
  static final String IDP = "campus";

  Path dir;
  SimpleSamlPhp idp;
  EmulatedNetwork net;
  Controller controller;
  String base;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(SimpleSamlPhp.missing().isEmpty(), () -> SimpleSamlPhp.missing().orElseThrow());
    dir = Files.createTempDirectory("vdn-saml");
    // The switches bind ports of their own: started before the API's port is picked, so that
    // they cannot take it before the controller binds it.
    net = EmulatedNetwork.start(ControllerFixture.SQUARE, 0);
    List<DeviceConfig> devices = new ArrayList<>();
    for (Topology.Switch s : net.topology().switches()) {
      devices.add(DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId()));
    }
    int restPort = FreePorts.tcp();
    base = "http://127.0.0.1:" + restPort;
    idp =
        SimpleSamlPhp.start(
            dir.resolve("idp"),
            List.of(
                new SimpleSamlPhp.User(
                    "carol",
                    "carol-pass-1",
                    Map.of("uid", List.of("carol"), "entitlement", List.of("urn:vdn:operator"))),
                new SimpleSamlPhp.User(
                    "alice",
                    "alice-pass-1",
                    Map.of(
                        "uid",
                        List.of("alice"),
                        "vdnTenant",
                        List.of("a"),
                        "entitlement",
                        List.of("urn:vdn:admin", "urn:campus:staff"))),
                new SimpleSamlPhp.User(
                    "bob", "bob-pass-1", Map.of("uid", List.of("bob"), "vdnTenant", List.of("b")))),
            SP_ENTITY_ID,
            base + "/auth/saml/acs");
    Path metadata = idp.writeMetadata(dir.resolve("campus-idp.xml"));
    var saml =
        new SecurityOptions.Saml(
            SP_ENTITY_ID,
            base,
            List.of(new SecurityOptions.Idp(IDP, "Campus", metadata)),
            "uid",
            "vdnTenant",
            "entitlement",
            Map.of("urn:vdn:operator", "operator", "urn:vdn:admin", "tenant-admin"),
            "tenant-viewer",
            null);
    controller =
        Controller.start(
            ControllerOptions.inMemory()
                .withRest("127.0.0.1", restPort)
                .withDiscoveryInterval(Duration.ofMillis(200))
                .withDevices(devices)
                .withSecurity(
                    new SecurityOptions(
                        new SecurityOptions.Auth(true, true, false, null, saml), null)));
    ControllerFixture.await(
        () -> controller.services().topology().links().size() == 8,
        Duration.ofSeconds(10),
        () -> "links");
  }

  @AfterAll
  void stop() throws Exception {
    if (controller != null) {
      controller.close();
    }
    if (net != null) {
      net.close();
    }
    if (idp != null) {
      idp.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * A browser's way to the IdP's answer: the controller's sign-in, the IdP's login form filled in
   * and posted; what comes back is the form that carries the SAMLResponse to the controller.
   */
  SamlBrowser.Form answerFromIdp(SamlBrowser browser, String user, String password)
      throws Exception {
    HttpResponse<String> login = browser.get(base + "/auth/saml/login?return=/api/v1/whoami");
    assertThat(login.uri().toString()).as(login.body()).startsWith(idp.base());
    SamlBrowser.Form form = SamlBrowser.form(login).orElseThrow();
    assertThat(form.fields()).containsKeys("username", "password");
    HttpResponse<String> answer =
        browser.submit(form.with("username", user).with("password", password));
    SamlBrowser.Form toController =
        SamlBrowser.form(answer).orElseThrow(() -> new AssertionError(answer.body()));
    assertThat(toController.action().toString())
        .as(() -> answer.body() + "\n" + idp.log())
        .isEqualTo(base + "/auth/saml/acs");
    assertThat(toController.fields()).containsKeys("SAMLResponse", "RelayState");
    return toController;
  }

  /**
   * Signs in at the IdP and brings its answer to the controller: the browser then has a session.
   */
  SamlBrowser signIn(String user, String password) throws Exception {
    SamlBrowser browser = new SamlBrowser();
    HttpResponse<String> back = browser.submit(answerFromIdp(browser, user, password));
    // The controller sends the browser back where it asked to return: here, whoami.
    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    assertThat(back.uri().toString()).isEqualTo(base + "/api/v1/whoami");
    HttpCookie session = browser.cookie(base, "vdn_session").orElseThrow();
    assertThat(session.isHttpOnly()).isTrue();
    return browser;
  }

  @Test
  @Order(1)
  void anOperatorSignsInAtTheIdpAndGrantsPortsWithItsSession() throws Exception {
    SamlBrowser carol = signIn("carol", "carol-pass-1");
    Caller.Answer me = carol.api("GET", base + "/api/v1/whoami", null, false);
    assertThat(me.code()).as(me.text()).isEqualTo(200);
    assertThat(me.json().get("subject").asText()).isEqualTo("saml:" + IDP + "/carol");
    assertThat(me.json().get("role").asText()).isEqualTo("operator");
    assertThat(me.json().get("method").asText()).isEqualTo("saml");

    // A page of another site cannot make the browser change anything: changes need the header
    // only a script of the portal's own origin can add.
    String grant = "{\"tenant\": \"a\", \"device\": \"s1\", \"port\": 10}";
    String before = state();
    assertThat(carol.api("POST", base + "/api/v1/grants", grant, false).code()).isEqualTo(403);
    assertThat(state()).isEqualTo(before);
    for (String g : List.of(grant, "{\"tenant\": \"a\", \"device\": \"s3\", \"port\": 10}")) {
      Caller.Answer a = carol.api("POST", base + "/api/v1/grants", g, true);
      assertThat(a.code()).as(a.text()).isEqualTo(201);
    }
  }

  @Test
  @Order(2)
  void aTenantAdminSignsInAndCreatesASliceOfItsTenant() throws Exception {
    SamlBrowser alice = signIn("alice", "alice-pass-1");
    Caller.Answer me = alice.api("GET", base + "/api/v1/whoami", null, false);
    assertThat(me.json().get("role").asText()).isEqualTo("tenant-admin");
    assertThat(me.json().get("tenant").asText()).isEqualTo("a");
    Caller.Answer created =
        alice.api(
            "POST",
            base + "/api/v1/slices",
            ControllerFixture.slice("sa", "a", 100, 10, 1_000_000),
            true);
    assertThat(created.code()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("tenant").asText()).isEqualTo("a");
    assertThat(net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();

    // Bob has no entitlement the configuration maps: the default role, a viewer of tenant b.
    SamlBrowser bob = signIn("bob", "bob-pass-1");
    Caller.Answer bobs = bob.api("GET", base + "/api/v1/whoami", null, false);
    assertThat(bobs.json().get("role").asText()).isEqualTo("tenant-viewer");
    assertThat(bobs.json().get("tenant").asText()).isEqualTo("b");
    assertThat(bob.api("GET", base + "/api/v1/slices/sa", null, false).code()).isEqualTo(404);
    assertThat(bob.api("DELETE", base + "/api/v1/slices/sa", null, true).code()).isIn(403, 404);
    assertThat(alice.api("GET", base + "/api/v1/slices/sa", null, false).code()).isEqualTo(200);

    // Signing out ends the session at the controller, not only in the browser.
    String cookie = alice.cookie(base, "vdn_session").orElseThrow().getValue();
    assertThat(alice.api("POST", base + "/auth/logout", null, true).code()).isEqualTo(204);
    Caller.Answer after =
        new Caller(base, null, null)
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/whoami"))
                    .header("Cookie", "vdn_session=" + cookie)
                    .build());
    assertThat(after.code()).isEqualTo(401);
  }

  /** Everything a refused sign-in might have changed. */
  String state() {
    return controller.services().slices().list().toString()
        + controller.security().grants(Principal.UNAUTHENTICATED_OPERATOR)
        + controller.security().tokens();
  }

  @ParameterizedTest(name = "{0}")
  @Order(3)
  @ValueSource(strings = {"replayed", "otherRequest", "tampered", "unsolicited", "noResponse"})
  void anAnswerThatDoesNotCheckOutIsRefusedWith401AndOpensNoSession(String kind) throws Exception {
    SamlBrowser browser = new SamlBrowser();
    SamlBrowser.Form answer = answerFromIdp(browser, "alice", "alice-pass-1");
    SamlBrowser.Form bad =
        switch (kind) {
          case "replayed" -> {
            // Posted once (a session), then again by someone who copied it.
            assertThat(new SamlBrowser().submit(answer).statusCode()).isEqualTo(200);
            yield answer;
          }
          case "tampered" -> {
            // The tenant admin makes itself an operator in the IdP's signed answer.
            String xml =
                new String(
                    Base64.getDecoder().decode(answer.fields().get("SAMLResponse")),
                    StandardCharsets.UTF_8);
            String altered = xml.replace("urn:vdn:admin", "urn:vdn:operator");
            assertThat(altered).isNotEqualTo(xml);
            yield answer.with(
                "SAMLResponse",
                Base64.getEncoder().encodeToString(altered.getBytes(StandardCharsets.UTF_8)));
          }
          case "unsolicited" -> answer.with("RelayState", "not-a-request-of-this-controller");
          case "otherRequest" -> {
            // Someone starts a sign-in of its own and brings alice's answer to it instead.
            yield answer.with("RelayState", relayStateOfANewSignIn());
          }
          case "noResponse" -> answer.with("SAMLResponse", "");
          default -> throw new IllegalArgumentException(kind);
        };
    String before = state();
    SamlBrowser thief = new SamlBrowser();
    HttpResponse<String> refused = thief.submit(bad);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
    assertThat(refused.body()).contains("UNAUTHENTICATED").doesNotContain("Exception");
    assertThat(thief.cookie(base, "vdn_session")).isEmpty();
    assertThat(thief.api("GET", base + "/api/v1/whoami", null, false).code()).isEqualTo(401);
    assertThat(state()).isEqualTo(before);
  }

  /** The RelayState the controller gives a sign-in it starts (in its redirect to the IdP). */
  String relayStateOfANewSignIn() throws Exception {
    HttpResponse<String> r = new SamlBrowser().get(base + "/auth/saml/login");
    while (r != null && !r.uri().toString().startsWith(base)) {
      r = r.previousResponse().orElse(null);
    }
    String location = r.headers().firstValue("Location").orElseThrow();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      if (pair.startsWith("RelayState=")) {
        return URLDecoder.decode(pair.substring(11), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no RelayState in " + location);
  }

  @Test
  @Order(4)
  void aWrongPasswordAtTheIdpBringsNoAnswerToTheController() throws Exception {
    SamlBrowser browser = new SamlBrowser();
    HttpResponse<String> login = browser.get(base + "/auth/saml/login");
    HttpResponse<String> again =
        browser.submit(
            SamlBrowser.form(login)
                .orElseThrow()
                .with("username", "alice")
                .with("password", "not-alices-password"));
    SamlBrowser.Form form = SamlBrowser.form(again).orElseThrow();
    assertThat(form.fields()).doesNotContainKey("SAMLResponse").containsKey("password");
    assertThat(browser.cookie(base, "vdn_session")).isEmpty();
  }

  @Test
  @Order(5)
  void theControllerPublishesItsServiceProviderMetadata() throws Exception {
    HttpResponse<String> md = new SamlBrowser().get(base + "/auth/saml/metadata");
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.body())
        .contains("entityID=\"" + SP_ENTITY_ID + "\"")
        .contains("Location=\"" + base + "/auth/saml/acs\"");
  }
}
