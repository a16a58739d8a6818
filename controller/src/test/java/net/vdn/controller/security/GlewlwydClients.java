package net.vdn.controller.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The clients of a {@link Glewlwyd} provider getting tokens from it: a machine with the client
 * credentials grant, {@code vdnctl} with the device authorization grant (RFC 8628), and a user
 * approving a device code as it would in a browser.
 */
final class GlewlwydClients {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROBOT = Glewlwyd.ROBOT;
  private static final String ROBOT_SECRET = Glewlwyd.ROBOT_SECRET;
  private static final String VDNCTL = Glewlwyd.VDNCTL;

  private final String base;

  GlewlwydClients(String base) {
    this.base = base;
  }

  /** A machine's token: the client credentials grant, for {@code resource}. */
  String clientCredentialsToken(String plugin, String scope, String resource) throws Exception {
    HttpResponse<String> r =
        post(
            "/api/" + plugin + "/token",
            Map.of("grant_type", "client_credentials", "scope", scope, "resource", resource),
            ROBOT + ":" + ROBOT_SECRET);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("client credentials: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).get("access_token").asText();
  }

  /** Starts a device authorization (RFC 8628) for {@code vdnctl}, as vdnctl itself does. */
  JsonNode deviceAuthorization(String plugin, String scope, String resource) throws Exception {
    HttpResponse<String> r =
        post(
            "/api/" + plugin + "/device_authorization",
            Map.of("client_id", VDNCTL, "scope", scope, "resource", resource),
            null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("device authorization: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Polls for the device's token once; the answer as the token endpoint gave it. */
  JsonNode deviceToken(String plugin, String deviceCode) throws Exception {
    return JSON.readTree(
        post(
                "/api/" + plugin + "/token",
                Map.of(
                    "grant_type",
                    "urn:ietf:params:oauth:grant-type:device_code",
                    "device_code",
                    deviceCode,
                    "client_id",
                    VDNCTL),
                null)
            .body());
  }

  /**
   * What the user does in a browser for the device flow: signs in to the provider with a password,
   * lets {@code vdnctl} have {@code scope}, and enters the user code. Fails when the provider does
   * not confirm the code.
   */
  void approveDevice(String username, String password, String scope, String userCode)
      throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> login =
        browser.send(
            json(
                "POST",
                "/api/auth/",
                JSON.createObjectNode().put("username", username).put("password", password)),
            HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new IllegalStateException(username + " cannot sign in: " + login.statusCode());
    }
    HttpResponse<String> grant =
        browser.send(
            json(
                "PUT",
                "/api/auth/grant/" + VDNCTL + "/",
                JSON.createObjectNode().put("scope", scope)),
            HttpResponse.BodyHandlers.ofString());
    if (grant.statusCode() != 200) {
      throw new IllegalStateException(
          "grant to vdnctl: " + grant.statusCode() + " " + grant.body());
    }
    HttpResponse<String> verified =
        browser.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + "/api/oidc/device?code="
                            + URLEncoder.encode(userCode, StandardCharsets.UTF_8)
                            + "&g_continue"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String where = verified.headers().firstValue("Location").orElse("");
    if (!where.contains("prompt=deviceComplete")) {
      throw new IllegalStateException("the device code was not confirmed: " + where);
    }
  }

  private HttpResponse<String> post(String path, Map<String, String> form, String basic)
      throws Exception {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (k, v) ->
            body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (basic != null) {
      r.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest json(String method, String path, JsonNode body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }
}
