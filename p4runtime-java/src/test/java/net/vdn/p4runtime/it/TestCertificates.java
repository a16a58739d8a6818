package net.vdn.p4runtime.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CA, a server certificate for localhost (and 127.0.0.1) and a client certificate, made with
 * openssl, for tests of TLS clients and servers.
 */
public record TestCertificates(
    Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
  /** Makes them in {@code dir} (openssl must be on PATH). */
  public static TestCertificates make(Path dir) throws Exception {
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
    return new TestCertificates(
        dir.resolve("ca.pem"),
        dir.resolve("server.pem"),
        dir.resolve("server.key"),
        dir.resolve("client.pem"),
        dir.resolve("client.key"));
  }

  private static void run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }
  }
}
