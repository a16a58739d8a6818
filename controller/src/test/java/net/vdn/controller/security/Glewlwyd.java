package net.vdn.controller.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
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
import java.util.zip.GZIPInputStream;
import net.vdn.testsupport.FreePorts;
import net.vdn.testsupport.Programs;

/**
 * Debian's glewlwyd (an OAuth 2.0 / OpenID Connect provider) run by a test: its own sqlite database
 * made from the package's schema, its own config file and port on loopback, and set up through its
 * administration API as a VDN deployment would set it up: users carrying a {@code tenant} property
 * (put into access tokens), scopes standing for VDN roles, an OIDC plugin signing with keys this
 * class made (so a test can rotate them), access tokens for the audience {@link #AUDIENCE} (RFC
 * 8707 resource indicators), a confidential client for machines (client credentials) and a public
 * one for {@code vdnctl} (device authorization grant, RFC 8628).
 */
final class Glewlwyd implements AutoCloseable {
  /** The audience (RFC 8707 resource) of the access tokens the controller accepts. */
  static final String AUDIENCE = "https://vdn.test/api";

  /** Another resource the provider also issues tokens for: not the controller's. */
  static final String OTHER_AUDIENCE = "https://other.test/api";

  /** The scopes that stand for VDN roles. */
  static final Map<String, String> ROLES =
      Map.of(
          "vdn-operator", "operator", "vdn-admin", "tenant-admin", "vdn-viewer", "tenant-viewer");

  static final String ROBOT = "vdn-robot";
  static final String ROBOT_SECRET = "robot-secret-0123456789";
  static final String VDNCTL = "vdnctl";

  private static final List<Path> SCHEMAS =
      List.of(
          Path.of("/usr/share/dbconfig-common/data/glewlwyd/install/sqlite3"),
          Path.of("/usr/share/doc/glewlwyd/database/init.sqlite3.sql.gz"));
  private static final String ADMIN_PASSWORD = "password";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final int port;
  private final Process process;
  private final HttpClient admin;
  private final List<RSAKey> keys = new ArrayList<>();

  /** Why glewlwyd cannot run here, or empty when it can. */
  static Optional<String> missing() {
    if (!Programs.onPath("glewlwyd")) {
      return Optional.of("glewlwyd is not on PATH (Debian package glewlwyd, see .ci/run)");
    }
    if (!Programs.onPath("sqlite3")) {
      return Optional.of("sqlite3 is not on PATH (Debian package sqlite3, see .ci/run)");
    }
    if (schema().isEmpty()) {
      return Optional.of("glewlwyd's sqlite schema is not installed (looked in " + SCHEMAS + ")");
    }
    return Optional.empty();
  }

  private static Optional<Path> schema() {
    return SCHEMAS.stream().filter(Files::isRegularFile).findFirst();
  }

  private Glewlwyd(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.admin =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Starts glewlwyd on a free loopback port with its state in {@code dir}, and sets it up. */
  static Glewlwyd start(Path dir) throws Exception {
    Path db = dir.resolve("glewlwyd.db");
    Path sql = dir.resolve("schema.sql");
    Path schema = schema().orElseThrow();
    try (InputStream in =
        schema.toString().endsWith(".gz")
            ? new GZIPInputStream(Files.newInputStream(schema))
            : Files.newInputStream(schema)) {
      Files.write(sql, in.readAllBytes());
    }
    Programs.run(
        new ProcessBuilder("sqlite3", db.toString())
            .redirectInput(sql.toFile())
            .directory(dir.toFile()));
    int port = FreePorts.tcp();
    Path conf = dir.resolve("glewlwyd.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "port=" + port,
            "bind_address=\"127.0.0.1\"",
            "external_url=\"http://127.0.0.1:" + port + "\"",
            "login_url=\"login.html\"",
            "api_prefix=\"api\"",
            "log_mode=\"console\"",
            "log_level=\"INFO\"",
            "cookie_secure=0",
            "session_expiration=3600",
            "session_key=\"GLEWLWYD2_SESSION_ID\"",
            "admin_session_authentication=\"cookie\"",
            "profile_session_authentication=\"cookie\"",
            "login_api_enabled=true",
            "admin_scope=\"g_admin\"",
            "profile_scope=\"g_profile\"",
            "user_module_path=\"/usr/lib/glewlwyd/user\"",
            "client_module_path=\"/usr/lib/glewlwyd/client\"",
            "user_auth_scheme_module_path=\"/usr/lib/glewlwyd/scheme\"",
            "plugin_module_path=\"/usr/lib/glewlwyd/plugin\"",
            "hash_algorithm=\"SHA512\"",
            "database={ type=\"sqlite3\" path=\"" + db + "\" };",
            ""));
    Process p = Programs.start(dir.resolve("glewlwyd.log"), "glewlwyd", "--config-file=" + conf);
    Glewlwyd g = new Glewlwyd(dir, port, p);
    try {
      g.awaitUp();
      g.setUp();
    } catch (Exception | Error e) {
      g.close();
      throw e;
    }
    return g;
  }

  private void awaitUp() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        // Any answer will do: glewlwyd listens once its modules are loaded.
        send("GET", "/api/auth/", null, null);
        return;
      } catch (IOException e) {
        // Not listening yet.
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("glewlwyd did not come up; its log:\n" + log());
      }
      Thread.sleep(100);
    }
  }

  String log() {
    try {
      return Files.readString(dir.resolve("glewlwyd.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The issuer of the OIDC plugin (its discovery document is under it). */
  String issuer() {
    return issuer("oidc");
  }

  String issuer(String plugin) {
    return base() + "/api/" + plugin;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** The key tokens are signed with now (the first of the plugin's keys). */
  RSAKey signingKey() {
    return keys.getFirst();
  }

  private void setUp() throws Exception {
    expect(
        200,
        "POST",
        "/api/auth/",
        JSON.createObjectNode().put("username", "admin").put("password", ADMIN_PASSWORD));
    // Users carry their tenant as a property of the database backend.
    ObjectNode format = JSON.createObjectNode();
    format
        .putObject("tenant")
        .put("multiple", false)
        .put("read", true)
        .put("write", true)
        .put("profile-read", true)
        .put("profile-write", false);
    ObjectNode users = (ObjectNode) get("/api/mod/user/database");
    ((ObjectNode) users.get("parameters")).set("data-format", format);
    users.remove("multiple_passwords");
    expect(200, "PUT", "/api/mod/user/database", users);
    expect(200, "PUT", "/api/mod/user/database/reset", null);
    for (String scope : ROLES.keySet()) {
      expect(
          200,
          "POST",
          "/api/scope/",
          JSON.createObjectNode()
              .put("name", scope)
              .put("display_name", scope)
              .put("description", "VDN role " + ROLES.get(scope))
              .put("password_required", false)
              .put("password_max_age", 0)
              .set("scheme", JSON.createObjectNode()));
    }
    keys.add(newKey("k1"));
    expect(200, "POST", "/api/mod/plugin/", plugin("oidc", issuer(), 3600));
    // The same keys under another issuer, and short-lived tokens of the right issuer: for tests of
    // tokens the controller must refuse although a real provider signed them.
    expect(200, "POST", "/api/mod/plugin/", plugin("other", issuer("other"), 3600));
    expect(200, "POST", "/api/mod/plugin/", plugin("short", issuer(), 1));
    ArrayNode secretMethods = JSON.createArrayNode().add("client_secret_basic");
    ObjectNode robot =
        JSON.createObjectNode()
            .put("client_id", ROBOT)
            .put("name", "VDN automation")
            .put("client_secret", ROBOT_SECRET)
            .put("confidential", true)
            .put("enabled", true);
    robot.putArray("scope").add("vdn-operator");
    robot.putArray("authorization_type").add("client_credentials");
    robot.set("token_endpoint_auth_method", secretMethods);
    robot.putArray("redirect_uri");
    expect(200, "POST", "/api/client/", robot);
    ObjectNode vdnctl =
        JSON.createObjectNode()
            .put("client_id", VDNCTL)
            .put("name", "vdnctl")
            .put("confidential", false)
            .put("enabled", true);
    vdnctl.putArray("scope");
    vdnctl.putArray("authorization_type").add("device_authorization");
    vdnctl.putArray("redirect_uri");
    expect(200, "POST", "/api/client/", vdnctl);
  }

  private static RSAKey newKey(String kid) throws Exception {
    return new RSAKeyGenerator(2048)
        .keyID(kid)
        .algorithm(JWSAlgorithm.RS256)
        .keyUse(KeyUse.SIGNATURE)
        .generate();
  }

  private ObjectNode plugin(String name, String issuer, int tokenSeconds) {
    ObjectNode p =
        JSON.createObjectNode()
            .put("module", "oidc")
            .put("name", name)
            .put("display_name", "VDN " + name)
            .put("order_rank", 0);
    ObjectNode o = p.putObject("parameters");
    o.put("iss", issuer)
        .put("jwks-private", new JWKSet(List.copyOf(keys)).toString(false))
        .put("default-kid", "")
        .put("jwt-type", "rsa")
        .put("jwt-key-size", "256")
        .put("access-token-duration", tokenSeconds)
        .put("refresh-token-duration", 3600)
        .put("code-duration", 600)
        .put("refresh-token-rolling", false)
        .put("allow-non-oidc", true)
        .put("auth-type-code-enabled", false)
        .put("auth-type-token-enabled", false)
        .put("auth-type-id-token-enabled", true)
        .put("auth-type-none-enabled", false)
        .put("auth-type-password-enabled", false)
        .put("auth-type-client-enabled", true)
        .put("auth-type-device-enabled", true)
        .put("auth-type-refresh-enabled", false)
        .put("secret-type", "public")
        .put("jwks-show", true)
        .put("device-authorization-expiration", 600)
        .put("device-authorization-interval", 1)
        .put("name-claim", "no")
        .put("email-claim", "no")
        .put("scope-claim", "no")
        .put("resource-allowed", true)
        .put("resource-client-property", "")
        .put("resource-scope-and-client-property", false);
    o.putArray("scope");
    o.putArray("claims");
    ArrayNode allowed = o.putArray("allowed-scope").add("openid");
    ROLES.keySet().forEach(allowed::add);
    // The tenant property of a user goes into its access tokens as the claim "tenant".
    o.putArray("additional-parameters")
        .addObject()
        .put("user-parameter", "tenant")
        .put("token-parameter", "tenant");
    ObjectNode resources = o.putObject("resource-scope");
    for (String scope : ROLES.keySet()) {
      resources.putArray(scope).add(AUDIENCE).add(OTHER_AUDIENCE);
    }
    o.putObject("address-claim")
        .put("type", "no")
        .put("formatted", "")
        .put("street_address", "")
        .put("locality", "")
        .put("region", "")
        .put("postal_code", "")
        .put("country", "")
        .put("mandatory", false);
    return p;
  }

  /**
   * Rotates the signing keys as an operator of the provider would: a new key first (it signs from
   * now on), the previous one kept for tokens already out; the plugin is reloaded, no restart.
   */
  RSAKey rotate(String kid) throws Exception {
    keys.addFirst(newKey(kid));
    for (String name : List.of("oidc", "other", "short")) {
      ObjectNode p = (ObjectNode) get("/api/mod/plugin/" + name);
      ((ObjectNode) p.get("parameters"))
          .put("jwks-private", new JWKSet(List.copyOf(keys)).toString(false));
      p.remove("enabled");
      expect(200, "PUT", "/api/mod/plugin/" + name, p);
      expect(200, "PUT", "/api/mod/plugin/" + name + "/reset", null);
    }
    return keys.getFirst();
  }

  /** Adds a user with a password, the scopes it may be granted, and its tenant (or none). */
  void addUser(String username, String password, String tenant, String... scopes) throws Exception {
    ObjectNode u =
        JSON.createObjectNode()
            .put("username", username)
            .put("name", username)
            .put("password", password)
            .put("enabled", true);
    ArrayNode s = u.putArray("scope").add("openid").add("g_profile");
    for (String scope : scopes) {
      s.add(scope);
    }
    if (tenant != null) {
      u.put("tenant", tenant);
    }
    expect(200, "POST", "/api/user/", u);
  }

  /** What the provider's clients do to get tokens from it. */
  GlewlwydClients clients() {
    return new GlewlwydClients(base());
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path, null, admin);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private void expect(int status, String method, String path, JsonNode body) throws Exception {
    HttpResponse<String> r = send(method, path, body, admin);
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          method + " " + path + ": " + r.statusCode() + " " + r.body() + "\n" + log());
    }
  }

  private HttpResponse<String> send(String method, String path, JsonNode body, HttpClient c)
      throws IOException, InterruptedException {
    return (c == null ? admin : c)
        .send(json(method, path, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest json(String method, String path, JsonNode body) {
    return HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  @Override
  public void close() {
    Programs.stop(process);
  }
}
