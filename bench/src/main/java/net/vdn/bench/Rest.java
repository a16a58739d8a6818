package net.vdn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A benchmark's client of one controller's REST API. */
final class Rest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  record Answer(int code, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(body, e);
      }
    }
  }

  Rest(int port) {
    this.base = "http://127.0.0.1:" + port + "/api/v1";
  }

  Answer call(String method, String path, String body) throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    }
  }

  Answer get(String path) throws InterruptedException {
    return call("GET", path, null);
  }

  /** The master of a device as this controller sees it, with whether it is ready; null if none. */
  JsonNode mastership(String device) throws InterruptedException {
    Answer a = get("/cluster");
    if (a.code() != 200) {
      return null;
    }
    for (JsonNode m : a.json().get("masters")) {
      if (m.get("device").asText().equals(device)) {
        return m;
      }
    }
    return null;
  }

  /** Whether every device has a ready master, and {@code members} distinct masters at least. */
  boolean balanced(int devices, int members) throws InterruptedException {
    Answer a = get("/cluster");
    if (a.code() != 200) {
      return false;
    }
    java.util.Set<String> masters = new java.util.HashSet<>();
    int ready = 0;
    for (JsonNode m : a.json().get("masters")) {
      if (m.get("ready").asBoolean()) {
        ready++;
        masters.add(m.get("master").asText());
      }
    }
    return ready == devices && masters.size() >= members;
  }

  int links() throws InterruptedException {
    Answer a = get("/links");
    return a.code() == 200 ? a.json().size() : 0;
  }
}
