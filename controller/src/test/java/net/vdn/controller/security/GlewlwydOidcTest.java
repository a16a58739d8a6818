package net.vdn.controller.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The controller behind a real OpenID Connect provider, Debian's glewlwyd, started by this test:
 * the controller finds the provider's keys through its discovery document, a machine signs in with
 * the client credentials grant and acts as an operator, a user signs in through the device
 * authorization grant and creates a slice of its tenant on emulated switches. Tokens the provider
 * really issued but that are expired, for another audience, from another issuer, or altered, and
 * tokens it never issued, are refused with 401 and change nothing. Keys rotated at the provider are
 * picked up without restarting the controller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GlewlwydOidcTest {
  Path dir;
  Glewlwyd idp;
  EmulatedNetwork net;
  Controller controller;
  Caller anonymous;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(Glewlwyd.missing().isEmpty(), () -> Glewlwyd.missing().orElseThrow());
    dir = Files.createTempDirectory("vdn-glewlwyd");
    idp = Glewlwyd.start(dir);
    idp.addUser("alice", "alice-pass-1", "a", "vdn-admin");
    idp.addUser("bob", "bob-pass-1", "b", "vdn-viewer");
    net = EmulatedNetwork.start(ControllerFixture.SQUARE, 0);
    List<DeviceConfig> devices = new ArrayList<>();
    for (Topology.Switch s : net.topology().switches()) {
      devices.add(DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId()));
    }
    var oidc =
        new SecurityOptions.Oidc(
            idp.issuer(),
            null,
            Glewlwyd.AUDIENCE,
            List.of("RS256"),
            1,
            null,
            "tenant",
            "scope",
            Glewlwyd.ROLES,
            null);
    controller =
        Controller.start(
            ControllerOptions.inMemory()
                .withRest("127.0.0.1", 0)
                .withDiscoveryInterval(Duration.ofMillis(200))
                .withDevices(devices)
                .withSecurity(
                    new SecurityOptions(
                        new SecurityOptions.Auth(true, true, false, oidc, null), null)));
    anonymous = new Caller(controller.restPort(), null);
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
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** An operator's token, as a machine gets it: the client credentials grant. */
  String operatorToken() throws Exception {
    return idp.clients().clientCredentialsToken("oidc", "vdn-operator", Glewlwyd.AUDIENCE);
  }

  /** A user's token through the device flow, the user approving in its "browser". */
  String userToken(String user, String password, String scope) throws Exception {
    JsonNode started =
        idp.clients().deviceAuthorization("oidc", "openid " + scope, Glewlwyd.AUDIENCE);
    String deviceCode = started.get("device_code").asText();
    assertThat(idp.clients().deviceToken("oidc", deviceCode).path("error").asText())
        .isEqualTo("authorization_pending");
    idp.clients()
        .approveDevice(user, password, "openid " + scope, started.get("user_code").asText());
    JsonNode token = idp.clients().deviceToken("oidc", deviceCode);
    assertThat(token.has("access_token")).as(token.toString()).isTrue();
    return token.get("access_token").asText();
  }

  @Test
  @Order(1)
  void aMachineSignsInWithClientCredentialsAndActsAsOperator() throws Exception {
    Caller op = anonymous.as(operatorToken());
    Caller.Answer me = op.get("/api/v1/whoami");
    assertThat(me.code()).as(me.text()).isEqualTo(200);
    assertThat(me.json().get("subject").asText()).isEqualTo("oidc:" + Glewlwyd.ROBOT);
    assertThat(me.json().get("role").asText()).isEqualTo("operator");
    assertThat(me.json().get("method").asText()).isEqualTo("oidc");
    for (String grant :
        List.of(
            "{\"tenant\": \"a\", \"device\": \"s1\", \"port\": 10}",
            "{\"tenant\": \"a\", \"device\": \"s3\", \"port\": 10}")) {
      Caller.Answer a = op.call("POST", "/api/v1/grants", grant);
      assertThat(a.code()).as(a.text()).isEqualTo(201);
    }
  }

  @Test
  @Order(2)
  void aUserSignsInThroughTheDeviceFlowAndCreatesASliceOfItsTenant() throws Exception {
    Caller alice = anonymous.as(userToken("alice", "alice-pass-1", "vdn-admin"));
    Caller.Answer me = alice.get("/api/v1/whoami");
    assertThat(me.code()).as(me.text()).isEqualTo(200);
    assertThat(me.json().get("role").asText()).isEqualTo("tenant-admin");
    assertThat(me.json().get("tenant").asText()).isEqualTo("a");
    Caller.Answer created =
        alice.call(
            "POST", "/api/v1/slices", ControllerFixture.slice("sa", "a", 100, 10, 1_000_000));
    assertThat(created.code()).as(created.text()).isEqualTo(201);
    assertThat(alice.get("/api/v1/slices/sa").json().get("tenant").asText()).isEqualTo("a");
    assertThat(net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();

    Caller bob = anonymous.as(userToken("bob", "bob-pass-1", "vdn-viewer"));
    assertThat(bob.get("/api/v1/whoami").json().get("role").asText()).isEqualTo("tenant-viewer");
    assertThat(bob.get("/api/v1/slices/sa").code()).isEqualTo(404);
    assertThat(bob.call("DELETE", "/api/v1/slices/sa", null).code()).isIn(403, 404);
    assertThat(alice.get("/api/v1/slices/sa").code()).isEqualTo(200);
  }

  /** Everything a refused call might have changed. */
  String state() {
    return controller.services().slices().list().toString()
        + controller.security().grants(Principal.UNAUTHENTICATED_OPERATOR)
        + controller.security().tokens();
  }

  @ParameterizedTest(name = "{0}")
  @Order(3)
  @ValueSource(
      strings = {
        "expired",
        "notYetValid",
        "wrongAudience",
        "wrongIssuer",
        "algNone",
        "tampered",
        "otherKey"
      })
  void aBadTokenIsRefusedWith401AndChangesNothing(String kind) throws Exception {
    String token =
        switch (kind) {
          case "expired" -> {
            // Issued by the provider for one second; the controller allows one second of skew.
            String t =
                idp.clients().clientCredentialsToken("short", "vdn-operator", Glewlwyd.AUDIENCE);
            Date exp = SignedJWT.parse(t).getJWTClaimsSet().getExpirationTime();
            Thread.sleep(Math.max(0, exp.getTime() + 2_100 - System.currentTimeMillis()));
            assertThat(SignedJWT.parse(t).getJWTClaimsSet().getIssuer()).isEqualTo(idp.issuer());
            yield t;
          }
          case "notYetValid" -> {
            // The provider never issues one: made with its own signing key, its claims moved on.
            JWTClaimsSet real = SignedJWT.parse(operatorToken()).getJWTClaimsSet();
            Instant later = Instant.now().plusSeconds(120);
            yield sign(
                idp.signingKey(),
                new JWTClaimsSet.Builder(real)
                    .issueTime(Date.from(later))
                    .notBeforeTime(Date.from(later))
                    .expirationTime(Date.from(later.plusSeconds(3600)))
                    .build());
          }
          case "wrongAudience" -> {
            String t =
                idp.clients()
                    .clientCredentialsToken("oidc", "vdn-operator", Glewlwyd.OTHER_AUDIENCE);
            assertThat(SignedJWT.parse(t).getJWTClaimsSet().getAudience())
                .contains(Glewlwyd.OTHER_AUDIENCE)
                .doesNotContain(Glewlwyd.AUDIENCE);
            yield t;
          }
          case "wrongIssuer" -> {
            String t =
                idp.clients().clientCredentialsToken("other", "vdn-operator", Glewlwyd.AUDIENCE);
            assertThat(SignedJWT.parse(t).getJWTClaimsSet().getIssuer())
                .isEqualTo(idp.issuer("other"));
            yield t;
          }
          case "algNone" -> {
            String[] parts = operatorToken().split("\\.");
            yield base64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + parts[1] + ".";
          }
          case "tampered" -> {
            String[] parts = userToken("alice", "alice-pass-1", "vdn-admin").split("\\.");
            String body =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("vdn-admin", "vdn-operator");
            assertThat(body).contains("vdn-operator");
            yield parts[0] + "." + base64(body) + "." + parts[2];
          }
          case "otherKey" -> {
            RSAKey stranger =
                new RSAKeyGenerator(2048).keyID(idp.signingKey().getKeyID()).generate();
            yield sign(stranger, SignedJWT.parse(operatorToken()).getJWTClaimsSet());
          }
          default -> throw new IllegalArgumentException(kind);
        };
    assertThat(anonymous.as(operatorToken()).get("/api/v1/whoami").code()).isEqualTo(200);
    String before = state();
    Caller bad = anonymous.as(token);
    assertThat(bad.get("/api/v1/whoami").code()).isEqualTo(401);
    Caller.Answer post =
        bad.call("POST", "/api/v1/grants", "{\"tenant\": \"b\", \"device\": \"s1\", \"port\": 11}");
    assertThat(post.code()).as(post.text()).isEqualTo(401);
    assertThat(post.json().at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
    Caller.Answer minted = bad.call("POST", "/api/v1/tokens", "{\"role\": \"operator\"}");
    assertThat(minted.code()).isEqualTo(401);
    assertThat(bad.call("DELETE", "/api/v1/slices/sa", null).code()).isEqualTo(401);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void keysRotatedAtTheProviderArePickedUpWithoutARestart() throws Exception {
    String beforeRotation = operatorToken();
    assertThat(anonymous.as(beforeRotation).get("/api/v1/whoami").code()).isEqualTo(200);
    RSAKey next = idp.rotate("k2");
    String afterRotation = operatorToken();
    assertThat(SignedJWT.parse(afterRotation).getHeader().getKeyID()).isEqualTo(next.getKeyID());
    // The controller fetches the provider's keys again when a token names one it has not seen
    // (at most once a second).
    Thread.sleep(1_100);
    Caller.Answer me = anonymous.as(afterRotation).get("/api/v1/whoami");
    assertThat(me.code()).as(me.text()).isEqualTo(200);
    assertThat(me.json().get("role").asText()).isEqualTo("operator");
    assertThat(anonymous.as(beforeRotation).get("/api/v1/whoami").code()).isEqualTo(200);
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(new com.nimbusds.jose.JOSEObjectType("at+jwt"))
                .build(),
            claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static String base64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
