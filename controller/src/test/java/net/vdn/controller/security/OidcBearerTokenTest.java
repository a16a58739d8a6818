package net.vdn.controller.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bearer JWTs against an issuer whose JWKS this test serves over HTTP: a good token is let in with
 * the role and tenant of its claims; expired, not-yet-valid, wrong-audience, wrong-issuer, {@code
 * alg: none}, tampered and signed-by-another-key tokens are refused with 401 and change nothing; a
 * key rotated at the issuer is picked up without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcBearerTokenTest {
  static final String ISSUER = "https://idp.test/realms/vdn";
  HttpServer idp;
  final AtomicReference<JWKSet> published = new AtomicReference<>();
  RSAKey key;
  RSAKey stranger;
  Controller controller;
  Caller anonymous;

  @BeforeAll
  void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
    published.set(new JWKSet(key.toPublicJWK()));
    idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    idp.createContext(
        "/jwks",
        x -> {
          byte[] b = published.get().toString().getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Content-Type", "application/json");
          x.sendResponseHeaders(200, b.length);
          x.getResponseBody().write(b);
          x.close();
        });
    idp.start();
    var oidc =
        new SecurityOptions.Oidc(
            ISSUER,
            URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks"),
            "vdn",
            List.of("RS256"),
            30,
            null,
            "tenant",
            "groups",
            Map.of("vdn-operators", "operator", "vdn-admins", "tenant-admin"),
            "tenant-viewer");
    controller =
        Controller.start(
            ControllerOptions.inMemory()
                .withRest("127.0.0.1", 0)
                .withSecurity(
                    new SecurityOptions(
                        new SecurityOptions.Auth(true, true, false, oidc, null), null)));
    anonymous = new Caller(controller.restPort(), null);
  }

  @AfterAll
  void stop() {
    controller.close();
    idp.stop(0);
  }

  JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience("vdn")
        .subject("alice")
        .claim("tenant", "a")
        .claim("groups", List.of("staff", "vdn-admins"))
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(now.plusSeconds(300)));
  }

  String sign(RSAKey with, JWTClaimsSet c) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(with.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            c);
    jwt.sign(new RSASSASigner(with));
    return jwt.serialize();
  }

  Caller.Answer whoami(String token) {
    return anonymous.as(token).get("/api/v1/whoami");
  }

  @Test
  void aValidTokenIsLetInWithTheRoleAndTenantOfItsClaims() throws Exception {
    Caller.Answer a = whoami(sign(key, claims().build()));
    assertThat(a.code()).as(a.text()).isEqualTo(200);
    assertThat(a.json().get("subject").asText()).isEqualTo("oidc:alice");
    assertThat(a.json().get("tenant").asText()).isEqualTo("a");
    assertThat(a.json().get("role").asText()).isEqualTo("tenant-admin");
    assertThat(a.json().get("method").asText()).isEqualTo("oidc");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "expired",
        "notYetValid",
        "wrongAudience",
        "wrongIssuer",
        "algNone",
        "tampered",
        "otherKey",
        "noTenant",
        "garbage"
      })
  void aBadTokenIsRefusedWith401AndChangesNothing(String kind) throws Exception {
    Instant now = Instant.now();
    UnaryOperator<JWTClaimsSet.Builder> change =
        switch (kind) {
          case "expired" -> b -> b.expirationTime(Date.from(now.minusSeconds(120)));
          case "notYetValid" -> b -> b.notBeforeTime(Date.from(now.plusSeconds(120)));
          case "wrongAudience" -> b -> b.audience("another-service");
          case "wrongIssuer" -> b -> b.issuer("https://evil.test/");
          case "noTenant" -> b -> b.claim("tenant", null);
          default -> b -> b;
        };
    String token =
        switch (kind) {
          case "algNone" ->
              new PlainJWT(claims().claim("groups", "vdn-operators").build()).serialize();
          case "tampered" -> {
            String[] parts = sign(key, claims().build()).split("\\.");
            String body =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("vdn-admins", "vdn-operators");
            yield parts[0]
                + "."
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(body.getBytes(StandardCharsets.UTF_8))
                + "."
                + parts[2];
          }
          case "otherKey" -> sign(stranger, claims().claim("groups", "vdn-operators").build());
          case "garbage" -> "eyJhbGciOiJSUzI1NiJ9.bm9wZQ.c2ln";
          default -> sign(key, change.apply(claims()).build());
        };
    Caller op = anonymous.as(controller.firstOperatorToken().orElse(null));
    Caller.Answer before = whoami(sign(key, claims().build()));
    assertThat(before.code()).isEqualTo(200);
    String slicesBefore = controller.services().slices().list().toString();
    String grantsBefore =
        controller.security().grants(Principal.UNAUTHENTICATED_OPERATOR).toString();
    Caller bad = anonymous.as(token);
    assertThat(bad.get("/api/v1/whoami").code()).isEqualTo(401);
    Caller.Answer post =
        bad.call("POST", "/api/v1/grants", "{\"tenant\": \"a\", \"device\": \"s1\", \"port\": 10}");
    assertThat(post.code()).as(post.text()).isEqualTo(401);
    assertThat(post.json().at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(post.raw().headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(controller.services().slices().list().toString()).isEqualTo(slicesBefore);
    assertThat(controller.security().grants(Principal.UNAUTHENTICATED_OPERATOR).toString())
        .isEqualTo(grantsBefore);
    assertThat(op).isNotNull();
  }

  @Test
  void aKeyRotatedAtTheIssuerIsPickedUpWithoutARestart() throws Exception {
    assertThat(whoami(sign(key, claims().build())).code()).isEqualTo(200);
    RSAKey next = new RSAKeyGenerator(2048).keyID("k2").generate();
    assertThat(whoami(sign(next, claims().build())).code()).isEqualTo(401);
    Thread.sleep(1100);
    published.set(new JWKSet(List.of(key.toPublicJWK(), next.toPublicJWK())));
    assertThat(whoami(sign(next, claims().build())).code()).isEqualTo(200);
  }

  @Test
  void anOperatorGroupMakesAnOperatorWithoutTenant() throws Exception {
    Caller.Answer a = whoami(sign(key, claims().claim("groups", "vdn-operators").build()));
    assertThat(a.json().get("role").asText()).isEqualTo("operator");
    assertThat(a.json().get("tenant").isNull()).isTrue();
  }
}
