package net.vdn.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {
  private static X509Certificate read(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  @RequiresBinary(value = "openssl", howToGet = "install openssl to make test certificates")
  void serverAndClientCertificatesAreSignedByTheCaAndNameLocalhost(@TempDir Path dir)
      throws Exception {
    TestCertificates certs = TestCertificates.make(dir);
    X509Certificate ca = read(certs.ca());
    X509Certificate server = read(certs.serverCert());
    X509Certificate client = read(certs.clientCert());
    server.verify(ca.getPublicKey());
    client.verify(ca.getPublicKey());
    assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=vdn-client");
    assertThat(server.getSubjectAlternativeNames())
        .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    assertThat(Files.readString(certs.serverKey())).contains("PRIVATE KEY");
    assertThat(Files.readString(certs.clientKey())).contains("PRIVATE KEY");
  }
}
