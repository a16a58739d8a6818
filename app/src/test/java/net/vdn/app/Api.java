package net.vdn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A test's caller of the REST API (and the emulation's routes) with a bearer token. */
final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final String base;
  final String token;

  Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** Calls and checks the status; the JSON answer (null when empty). */
  JsonNode expect(int status, String method, String path, String body) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofSeconds(40))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + token)
                  .method(
                      method,
                      body == null
                          ? HttpRequest.BodyPublishers.noBody()
                          : HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
      return r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A new tenant-admin token for a tenant. */
  String token(String tenant) {
    return expect(
            201,
            "POST",
            "/api/v1/tokens",
            "{\"tenant\": \"" + tenant + "\", \"role\": \"tenant-admin\"}")
        .get("token")
        .asText();
  }
}
