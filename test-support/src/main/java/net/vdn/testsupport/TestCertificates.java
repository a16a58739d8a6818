package net.vdn.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CA, a server certificate for {@code localhost} (and 127.0.0.1) and a client certificate signed
 * by it, made with openssl, for tests of TLS clients and servers. Each is valid for one day.
 */
public record TestCertificates(
    Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
  /** Makes them in {@code dir}; openssl must be found (see {@link RequiresBinary}). */
  public static TestCertificates make(Path dir) throws IOException, InterruptedException {
    openssl(
        dir,
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
      openssl(
          dir,
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
      openssl(
          dir,
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

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Programs.run(new ProcessBuilder(command).directory(dir.toFile()));
  }
}
