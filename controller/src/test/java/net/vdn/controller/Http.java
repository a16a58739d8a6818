package net.vdn.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A test's view of the REST API: requests with a body as text, answers as code and JSON. */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An answer: status code, JSON body (null when empty), raw text. */
  public record Answer(int code, JsonNode json, String text) {}

  private final String base;
  private final String token;

  public Http(int port) {
    this(port, null);
  }

  /** Calls signed in with a bearer token (none when null). */
  public Http(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  public Answer get(String path) {
    return call("GET", path, null);
  }

  public Answer post(String path, String body) {
    return call("POST", path, body);
  }

  public Answer put(String path, String body) {
    return call("PUT", path, body);
  }

  public Answer delete(String path) {
    return call("DELETE", path, null);
  }

  public Answer call(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpRequest r =
        b.method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> a = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      if (!a.body().isEmpty()
          && a.headers().firstValue("Content-Type").orElse("").contains("json")) {
        json = JSON.readTree(a.body());
      }
      return new Answer(a.statusCode(), json, a.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
