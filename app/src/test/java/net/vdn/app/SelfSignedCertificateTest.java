package net.vdn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.security.SecurityOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job's {@code --https} certificate: made once with keytool, kept (owner-only files) and
 * reused, and the certificate a client sees on the API is the one whose fingerprint is printed.
 */
class SelfSignedCertificateTest {
  @Test
  void isMadeOnceKeptAndServedWithThePrintedFingerprint(@TempDir Path dir) throws Exception {
    Path ks = dir.resolve("vdn-api.p12");
    SelfSignedCertificate made = SelfSignedCertificate.ensure(ks);
    assertThat(made.created()).isTrue();
    assertThat(made.sha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ks)))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("vdn-api.p12.password"))))
        .isEqualTo("rw-------");
    SelfSignedCertificate again = SelfSignedCertificate.ensure(ks);
    assertThat(again.created()).isFalse();
    assertThat(again.sha256()).isEqualTo(made.sha256());

    try (Controller c =
        Controller.start(
            ControllerOptions.inMemory()
                .withRest("127.0.0.1", 0)
                .withSecurity(SecurityOptions.OFF.withTls(again.tls())))) {
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(made.pem())).build();
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("https://localhost:" + c.restPort() + "/api/v1/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      Certificate seen = health.sslSession().orElseThrow().getPeerCertificates()[0];
      assertThat(
              HexFormat.ofDelimiter(":")
                  .withUpperCase()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(seen.getEncoded())))
          .isEqualTo(made.sha256());
    }
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      trust.setCertificateEntry(
          "vdn", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }
}
