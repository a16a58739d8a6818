package net.vdn.controller.federation.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import net.vdn.controller.federation.Advertisement;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.controller.federation.FederationOptions.Peering;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one peer's peering API over mutual TLS: each request has a timeout and is tried again (the
 * same request, with the same id) when the peer did not answer; a peer's refusal is not retried.
 */
final class PeerClient {
  private static final Logger log = LoggerFactory.getLogger(PeerClient.class);
  static final ObjectMapper JSON = new ObjectMapper();

  /** The peer refused (an answer with an error), or never answered (code 0). */
  static final class PeerFailure extends RuntimeException {
    final int code;

    PeerFailure(int code, String message) {
      super(message);
      this.code = code;
    }

    boolean unanswered() {
      return code == 0;
    }
  }

  private final Peering peering;
  private final HttpClient http;
  private final Duration timeout;
  private final int attempts;

  PeerClient(Peering peering, FederationOptions options) {
    this.peering = peering;
    this.timeout = Duration.ofMillis(options.requestTimeoutMs());
    this.attempts = options.attempts();
    this.http =
        HttpClient.newBuilder()
            .sslContext(
                PeerTls.client(peering.clientCertificate(), peering.clientKey(), peering.peerCa()))
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  String domain() {
    return peering.peerDomain();
  }

  Advertisement advertise() {
    return read(call("GET", "/advertisement", null), Advertisement.class);
  }

  PeerMessages.Answer reserve(PeerMessages.Reserve r) {
    return read(call("POST", "/reservations", r), PeerMessages.Answer.class);
  }

  PeerMessages.Answer commit(String id) {
    return read(call("POST", "/reservations/" + id + "/commit", null), PeerMessages.Answer.class);
  }

  PeerMessages.Answer release(String id) {
    return read(call("DELETE", "/reservations/" + id, null), PeerMessages.Answer.class);
  }

  PeerMessages.Answer modify(String id, PeerMessages.Rates rates) {
    return read(call("PUT", "/reservations/" + id, rates), PeerMessages.Answer.class);
  }

  private String call(String method, String path, Object body) {
    String uri = peering.url() + PeeringServer.PREFIX + path;
    String text;
    try {
      text = body == null ? "" : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String last = "";
    for (int attempt = 1; attempt <= attempts; attempt++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(uri))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(text));
      try {
        HttpResponse<String> a = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (a.statusCode() / 100 == 2) {
          return a.body();
        }
        throw new PeerFailure(a.statusCode(), message(a.body()));
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        log.info(
            "peer {}: {} {} attempt {}/{} got no answer ({})",
            peering.peerDomain(),
            method,
            path,
            attempt,
            attempts,
            last);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PeerFailure(0, "interrupted");
      }
      if (attempt < attempts) {
        sleep(50L * attempt);
      }
    }
    throw new PeerFailure(
        0,
        "domain "
            + peering.peerDomain()
            + " did not answer "
            + method
            + " "
            + path
            + " after "
            + attempts
            + " attempts ("
            + last
            + ")");
  }

  private static String message(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n.path("error").path("message").asText(body);
    } catch (IOException e) {
      return body;
    }
  }

  private static <T> T read(String body, Class<T> type) {
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new PeerFailure(502, "unreadable answer: " + e.getMessage());
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
