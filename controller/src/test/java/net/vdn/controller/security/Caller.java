package net.vdn.controller.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** A test's caller of the REST API with a bearer token (or none). */
public final class Caller {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status code, JSON body (null when not JSON), raw text. */
  public record Answer(int code, JsonNode json, String text, HttpResponse<String> raw) {}

  private final String base;
  private final String token;
  private final HttpClient client;
  private final SSLContext tls;

  public Caller(String base, String token, SSLContext tls) {
    this.base = base;
    this.token = token;
    this.tls = tls;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      b.sslContext(tls);
    }
    this.client = b.build();
  }

  public Caller(int port, String token) {
    this("http://127.0.0.1:" + port, token, null);
  }

  public Caller as(String otherToken) {
    return new Caller(base, otherToken, tls);
  }

  public Answer get(String path) {
    return call("GET", path, null);
  }

  public Answer call(String method, String path, String body) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return send(r.build());
  }

  public Answer send(HttpRequest r) {
    try {
      HttpResponse<String> a = client.send(r, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      if (!a.body().isEmpty()
          && a.headers().firstValue("Content-Type").orElse("").contains("json")) {
        json = JSON.readTree(a.body());
      }
      return new Answer(a.statusCode(), json, a.body(), a);
    } catch (IOException e) {
      throw new IllegalStateException(r.method() + " " + r.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
