package net.vdn.controller.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.vdn.testsupport.FreePorts;
import net.vdn.testsupport.Programs;
import net.vdn.testsupport.TestCertificates;

/**
 * Debian's SimpleSAMLphp run by a test as a SAML 2.0 identity provider: PHP's built-in web server
 * on a loopback port serving the package's web root, with a config folder, metadata, signing key
 * and session store of its own in a temporary folder. Users sign in with a password (the {@code
 * exampleauth:UserPass} source) and carry the attributes the test gives them; one service provider
 * (the controller) is known to it by its entity id and assertion consumer service.
 */
final class SimpleSamlPhp implements AutoCloseable {
  private static final Path WEB_ROOT = Path.of("/usr/share/simplesamlphp/www");

  /** A user of the IdP: its password and attributes (each a list of values). */
  record User(String name, String password, Map<String, List<String>> attributes) {}

  private final Path dir;
  private final int port;
  private final Process process;

  /** Why SimpleSAMLphp cannot run here, or empty when it can. */
  static Optional<String> missing() {
    if (!Programs.onPath("php")) {
      return Optional.of("php is not on PATH (Debian package php-cli, see .ci/run)");
    }
    if (!Files.isRegularFile(WEB_ROOT.resolve("index.php"))) {
      return Optional.of(
          "SimpleSAMLphp is not installed in " + WEB_ROOT + " (Debian package simplesamlphp)");
    }
    if (!Programs.onPath("openssl")) {
      return Optional.of("openssl is not on PATH (it makes the IdP's signing key)");
    }
    return Optional.empty();
  }

  private SimpleSamlPhp(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts the IdP with its state in {@code dir}, knowing one service provider.
   *
   * @param spEntityId the SP's entity id (the Issuer of its AuthnRequests)
   * @param acs the SP's assertion consumer service (HTTP-POST binding)
   */
  static SimpleSamlPhp start(Path dir, List<User> users, String spEntityId, String acs)
      throws Exception {
    for (String d : List.of("config", "metadata", "cert", "tmp", "log", "sessions")) {
      Files.createDirectories(dir.resolve(d));
    }
    TestCertificates keys = TestCertificates.make(Files.createDirectories(dir.resolve("keys")));
    Files.copy(keys.serverCert(), dir.resolve("cert/idp.crt"));
    Files.copy(keys.serverKey(), dir.resolve("cert/idp.pem"));
    int port = FreePorts.tcp();
    String base = "http://127.0.0.1:" + port + "/";
    Files.writeString(
        dir.resolve("config/config.php"),
        php(
            "config",
            Map.ofEntries(
                Map.entry("baseurlpath", base),
                Map.entry("certdir", dir.resolve("cert") + "/"),
                Map.entry("loggingdir", dir.resolve("log") + "/"),
                Map.entry("tempdir", dir.resolve("tmp").toString()),
                Map.entry("datadir", dir.resolve("tmp") + "/"),
                Map.entry("metadatadir", dir.resolve("metadata") + "/"),
                Map.entry("secretsalt", "vdn-test-salt-" + port),
                Map.entry("auth.adminpassword", "vdn-test-admin-" + port),
                Map.entry("technicalcontact_name", "VDN tests"),
                Map.entry("technicalcontact_email", "tests@vdn.invalid"),
                Map.entry("timezone", "UTC"),
                Map.entry("logging.handler", "file"),
                Map.entry("logging.logfile", "simplesamlphp.log"),
                Map.entry("enable.saml20-idp", true),
                Map.entry("module.enable", Map.of("exampleauth", true)),
                Map.entry("session.cookie.secure", false),
                Map.entry("session.phpsession.savepath", dir.resolve("sessions").toString()),
                Map.entry("store.type", "phpsession"),
                Map.entry("language.default", "en"))));
    StringBuilder source = new StringBuilder("<?php\n$config = [\n  'users' => [\n");
    source.append("    'exampleauth:UserPass',\n");
    for (User u : users) {
      source.append("    ").append(literal(u.name() + ":" + u.password())).append(" => ");
      source.append(literal(u.attributes())).append(",\n");
    }
    source.append("  ],\n];\n");
    Files.writeString(dir.resolve("config/authsources.php"), source);
    Files.writeString(
        dir.resolve("metadata/saml20-idp-hosted.php"),
        "<?php\n$metadata['__DYNAMIC:1__'] = "
            + literal(
                Map.of(
                    "host",
                    "__DEFAULT__",
                    "privatekey",
                    "idp.pem",
                    "certificate",
                    "idp.crt",
                    "auth",
                    "users"))
            + ";\n");
    Files.writeString(
        dir.resolve("metadata/saml20-sp-remote.php"),
        "<?php\n$metadata["
            + literal(spEntityId)
            + "] = "
            + literal(
                Map.of(
                    "AssertionConsumerService",
                    List.of(
                        Map.of(
                            "Binding",
                            "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
                            "Location",
                            acs)),
                    "NameIDFormat",
                    "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"))
            + ";\n");
    Process p =
        Programs.start(
            dir.resolve("php.log"),
            "env",
            "SIMPLESAMLPHP_CONFIG_DIR=" + dir.resolve("config"),
            Programs.find("php").orElseThrow().toString(),
            "-d",
            "session.save_path=" + dir.resolve("sessions"),
            "-S",
            "127.0.0.1:" + port,
            "-t",
            WEB_ROOT.toString());
    SimpleSamlPhp idp = new SimpleSamlPhp(dir, port, p);
    try {
      idp.awaitUp();
    } catch (Exception | Error e) {
      idp.close();
      throw e;
    }
    return idp;
  }

  private void awaitUp() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    HttpClient c = HttpClient.newHttpClient();
    while (true) {
      try {
        HttpResponse<String> r =
            c.send(
                HttpRequest.newBuilder(URI.create(metadataUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("IDPSSODescriptor")) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("SimpleSAMLphp did not come up; its log:\n" + log());
      }
      Thread.sleep(100);
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  String metadataUrl() {
    return base() + "/saml2/idp/metadata.php";
  }

  /** The IdP's metadata, written to {@code file} (what its administrators hand to an SP). */
  Path writeMetadata(Path file) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(metadataUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("IdP metadata: " + r.statusCode() + "\n" + log());
    }
    return Files.writeString(file, r.body());
  }

  String log() {
    List<String> out = new ArrayList<>();
    for (Path p : List.of(dir.resolve("php.log"), dir.resolve("log/simplesamlphp.log"))) {
      try {
        out.add(p.getFileName() + ":\n" + Files.readString(p));
      } catch (IOException e) {
        out.add(p.getFileName() + ": " + e);
      }
    }
    return String.join("\n", out);
  }

  /** A PHP file assigning an array to {@code variable}. */
  private static String php(String variable, Map<String, Object> values) {
    return "<?php\n$" + variable + " = " + literal(values) + ";\n";
  }

  /** A PHP literal for text, booleans, numbers, lists and maps. */
  private static String literal(Object v) {
    return switch (v) {
      case String s -> "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
      case Boolean b -> b.toString();
      case Number n -> n.toString();
      case List<?> l ->
          "[" + String.join(", ", l.stream().map(SimpleSamlPhp::literal).toList()) + "]";
      case Map<?, ?> m ->
          "["
              + String.join(
                  ", ",
                  m.entrySet().stream()
                      .map(e -> literal(e.getKey()) + " => " + literal(e.getValue()))
                      .toList())
              + "]";
      default -> throw new IllegalArgumentException("no PHP literal for " + v);
    };
  }

  @Override
  public void close() {
    Programs.stop(process);
  }
}
