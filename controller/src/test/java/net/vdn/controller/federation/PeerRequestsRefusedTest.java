package net.vdn.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.vdn.testsupport.RequiresBinary;
import net.vdn.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peering API answers only a peer, and only about what that peer asked for: callers without a
 * certificate, with a certificate no peer's CA signed, or with a peer's certificate but a bad,
 * foreign or impossible request are refused, and domain b holds and programs nothing.
 */
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
class PeerRequestsRefusedTest {
  @TempDir Path dir;

  static final String RESERVE =
      """
      {"id": "r1", "origin": "%s", "name": "x", "vlan": %d, "cirBps": 1000000, "pirBps": 1000000,
       "burstMs": 0, "trafficClass": 0,
       "endpoints": [{"device": "%s", "port": 20, "border": true, "vlan": null},
                     {"device": "b2", "port": 10, "border": false, "vlan": null}]}""";

  /** A reservation from a with endpoints beyond b, and the trail it says it came through. */
  static final String ONWARD =
      """
      {"id": "r2", "origin": "a", "name": "x", "vlan": %d, "cirBps": 1000000, "pirBps": 1000000,
       "burstMs": 0, "trafficClass": 0, "beyond": ["%s"], "trail": %s,
       "endpoints": [{"device": "b1", "port": 20, "border": true, "vlan": null}]}""";

  @Test
  void badAndUnauthenticatedPeerRequestsAreRefusedAndChangeNothing() throws Exception {
    TestCertificates rogue = TestCertificates.make(Files.createDirectories(dir.resolve("rogue")));
    try (TwoDomains t = TwoDomains.start(dir, 10_000)) {
      var bare = t.entries();
      String b = "https://127.0.0.1:" + t.b.peeringPort() + "/federation/v1";
      SSLContext none = context(null, null, t.certsB.ca());
      SSLContext stranger = context(rogue.clientCert(), rogue.clientKey(), t.certsB.ca());
      SSLContext itself = context(t.certsB.clientCert(), t.certsB.clientKey(), t.certsB.ca());
      SSLContext peerA = context(t.certsA.clientCert(), t.certsA.clientKey(), t.certsB.ca());

      for (SSLContext refused : new SSLContext[] {none, stranger, itself}) {
        Throwable e = catchThrowable(() -> call(refused, "GET", b + "/advertisement", null));
        if (e == null) {
          assertThat(call(refused, "GET", b + "/advertisement", null).statusCode()).isEqualTo(403);
        } else {
          assertThat(e).isInstanceOf(IOException.class);
        }
        Throwable r =
            catchThrowable(
                () ->
                    call(refused, "POST", b + "/reservations", RESERVE.formatted("a", 100, "b1")));
        if (r == null) {
          assertThat(
                  call(refused, "POST", b + "/reservations", RESERVE.formatted("a", 100, "b1"))
                      .statusCode())
              .isEqualTo(403);
        }
      }

      assertThat(call(peerA, "GET", b + "/advertisement", null).statusCode()).isEqualTo(200);
      assertThat(call(peerA, "GET", b + "/advertisement", null).body())
          .contains("\"peerDomain\":\"a\"")
          .doesNotContain("b2");
      record Case(String method, String path, String body, int code) {}
      for (Case c :
          new Case[] {
            new Case("POST", "/reservations", RESERVE.formatted("c", 100, "b1"), 403),
            new Case("POST", "/reservations", "{", 400),
            new Case("POST", "/reservations", "{\"id\": \"r1\", \"surprise\": 1}", 400),
            new Case("POST", "/reservations", RESERVE.formatted("a", 100, "zz"), 409),
            new Case("POST", "/reservations", RESERVE.formatted("a", 50, "b1"), 409),
            new Case("POST", "/reservations", RESERVE.formatted("a", 100, "b2"), 409),
            new Case("POST", "/reservations/nope/commit", null, 404),
            // Transit: never back through a domain on the way, nowhere nobody advertises, a
            // trail that does not end with the sender or names b itself, no VLAN.
            new Case("POST", "/reservations", ONWARD.formatted(100, "a:s1:10", "[\"a\"]"), 409),
            new Case("POST", "/reservations", ONWARD.formatted(100, "zz:d1:10", "[]"), 409),
            new Case("POST", "/reservations", ONWARD.formatted(100, "zz:d1:10", "[\"c\"]"), 400),
            new Case(
                "POST", "/reservations", ONWARD.formatted(100, "zz:d1:10", "[\"b\", \"a\"]"), 400),
            new Case("POST", "/reservations", ONWARD.formatted(0, "zz:d1:10", "[\"a\"]"), 400),
            new Case("POST", "/reservations", ONWARD.formatted(100, "zz:d1", "[\"a\"]"), 400),
            new Case("GET", "/advertisement?trail=c", null, 400),
            new Case("GET", "/advertisement?trail=b,a", null, 400),
            new Case("GET", "/advertisement?trail=a,a", null, 400),
            new Case("GET", "/advertisement?trail=a%20b", null, 400),
            new Case("PUT", "/reservations/nope", "{\"cirBps\": 1, \"pirBps\": 1}", 404),
          }) {
        HttpResponse<String> a = call(peerA, c.method(), b + c.path(), c.body());
        assertThat(a.statusCode()).as(c + ": " + a.body()).isEqualTo(c.code());
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }

      assertThat(t.b.services().federation().holds()).isEmpty();
      assertThat(t.b.services().slices().list()).isEmpty();
      assertThat(TwoDomains.reserved(t.b)).isZero();
      assertThat(t.entries()).isEqualTo(bare);
    }
  }

  static HttpResponse<String> call(SSLContext ssl, String method, String uri, String body)
      throws IOException, InterruptedException {
    HttpClient c =
        HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return c.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** A client context: this certificate and key (none when null), trusting only {@code ca}. */
  static SSLContext context(Path cert, Path key, Path ca) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", read(ca)[0]);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (cert != null) {
      String pem = Files.readString(key, StandardCharsets.US_ASCII);
      String b64 =
          pem.replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      var k =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("me", k, new char[0], read(cert));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
    }
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ssl;
  }

  private static Certificate[] read(Path pem) throws Exception {
    try (var in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509")
          .generateCertificates(in)
          .toArray(Certificate[]::new);
    }
  }
}
