package net.vdn.gnmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.TlsServerCredentials;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over TLS, with and without a client certificate; certificates made with openssl. */
class TlsTest {
  @Test
  void connectsOverMutualTlsAndIsRefusedWithoutItsCertificate(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("openssl"), "openssl is not on PATH: install openssl to make certificates");
    Path ca = certificates(dir);
    var creds =
        TlsServerCredentials.newBuilder()
            .keyManager(dir.resolve("server.pem").toFile(), dir.resolve("server.key").toFile())
            .trustManager(ca.toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
            .build();
    try (var fake = new FakeGnmiTarget(creds)) {
      String target = "localhost:" + fake.port();
      try (var c =
          GnmiClient.connect(
              GnmiOptions.builder(target)
                  .tls(ca)
                  .clientCertificate(dir.resolve("client.pem"), dir.resolve("client.key"))
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

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  /** A CA, a server certificate for localhost and a client certificate; returns the CA. */
  private static Path certificates(Path dir) throws Exception {
    run(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "1",
        "-subj",
        "/CN=vdn-test-ca");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    for (String who : List.of("server", "client")) {
      run(
          dir,
          "openssl",
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          who + ".key",
          "-out",
          who + ".csr",
          "-subj",
          "/CN=" + (who.equals("server") ? "localhost" : "vdn-client"));
      run(
          dir,
          "openssl",
          "x509",
          "-req",
          "-in",
          who + ".csr",
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-out",
          who + ".pem",
          "-days",
          "1",
          "-extfile",
          "san.ext");
    }
    return dir.resolve("ca.pem");
  }

  private static void run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }
  }
}
