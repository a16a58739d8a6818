package net.vdn.controller.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.testsupport.RequiresBinary;
import net.vdn.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS for the API when the config has a tls section: TLS answers, plaintext gets nothing. */
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
class HttpsApiTest {
  static SSLContext trusting(Path pem) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("c" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  @Test
  void theApiAnswersOverTlsAndRefusesPlaintext(@TempDir Path dir) throws Exception {
    TestCertificates certs = TestCertificates.make(dir);
    ControllerOptions o =
        ControllerOptions.inMemory()
            .withRest("127.0.0.1", 0)
            .withSecurity(
                SecurityOptions.apiTokens()
                    .withTls(
                        new SecurityOptions.Tls(
                            certs.serverCert(), certs.serverKey(), null, null, null)));
    try (Controller c = Controller.start(o)) {
      String token = c.firstOperatorToken().orElseThrow();
      Caller tls = new Caller("https://127.0.0.1:" + c.restPort(), token, trusting(certs.ca()));
      Caller.Answer me = tls.get("/api/v1/whoami");
      assertThat(me.code()).as(me.text()).isEqualTo(200);
      assertThat(me.json().get("role").asText()).isEqualTo("operator");
      assertThat(tls.as(null).get("/api/v1/whoami").code()).isEqualTo(401);

      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest r =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.restPort() + "/api/v1/health"))
              .timeout(Duration.ofSeconds(5))
              .build();
      Throwable t = catchThrowable(() -> plain.send(r, HttpResponse.BodyHandlers.ofString()));
      if (t == null) {
        HttpResponse<String> a = plain.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(a.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(a.body()).doesNotContain("devices");
      }
    }
  }
}
