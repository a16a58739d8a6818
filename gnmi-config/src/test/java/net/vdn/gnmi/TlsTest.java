package net.vdn.gnmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.time.Duration;
import net.vdn.testsupport.RequiresBinary;
import net.vdn.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over TLS, with and without a client certificate; certificates made with openssl. */
class TlsTest {
  @Test
  @RequiresBinary(value = "openssl", howToGet = "install openssl to make test certificates")
  void connectsOverMutualTlsAndIsRefusedWithoutItsCertificate(@TempDir Path dir) throws Exception {
    TestCertificates certs = TestCertificates.make(dir);
    Path ca = certs.ca();
    var creds =
        TlsServerCredentials.newBuilder()
            .keyManager(certs.serverCert().toFile(), certs.serverKey().toFile())
            .trustManager(ca.toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
            .build();
    try (var fake = new FakeGnmiTarget(creds)) {
      String target = "localhost:" + fake.port();
      try (var c =
          GnmiClient.connect(
              GnmiOptions.builder(target)
                  .tls(ca)
                  .clientCertificate(certs.clientCert(), certs.clientKey())
                  .build())) {
        assertThat(c.capabilities().gnmiVersion()).isEqualTo("0.10.0");
      }
      try (var noCert =
          GnmiClient.connect(
              GnmiOptions.builder(target).tls(ca).rpcTimeout(Duration.ofSeconds(3)).build())) {
        assertThatThrownBy(noCert::capabilities).isInstanceOf(GnmiTargetException.class);
      }
      try (var plain =
          GnmiClient.connect(
              GnmiOptions.builder(target).rpcTimeout(Duration.ofSeconds(3)).build())) {
        assertThatThrownBy(plain::capabilities).isInstanceOf(GnmiTargetException.class);
      }
    }
  }

  @Test
  void refusesInconsistentTlsOptions() {
    assertThatThrownBy(
            () -> GnmiOptions.builder("x:1").clientCertificate(Path.of("c"), Path.of("k")).build())
        .hasMessageContaining("need TLS");
    assertThatThrownBy(() -> GnmiOptions.builder("x:1").maxInboundMessageBytes(1 << 20).build())
        .hasMessageContaining("64 MiB");
    assertThatThrownBy(() -> GnmiOptions.builder("x:1").credentials(null, "p").build())
        .hasMessageContaining("needs a username");
  }
}
