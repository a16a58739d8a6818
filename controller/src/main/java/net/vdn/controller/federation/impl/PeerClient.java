package net.vdn.controller.federation.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
    final String status;

    PeerFailure(int code, String message) {
      this(code, "", message);
    }

    PeerFailure(int code, String status, String message) {
      super(message);
      this.code = code;
      this.status = status;
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

  /**
   * The peer's advertisement for a request that has come through {@code trail} (this domain last):
   * its ways beyond avoid those domains.
   */
  Advertisement advertise(List<String> trail, Deadline d) {
    return read(
        call("GET", "/advertisement?trail=" + String.join(",", trail), null, d),
        Advertisement.class);
  }

  PeerMessages.Answer reserve(PeerMessages.Reserve r, Deadline d) {
    return read(call("POST", "/reservations", r, d), PeerMessages.Answer.class);
  }

  PeerMessages.Answer commit(String id, Deadline d) {
    return read(
        call("POST", "/reservations/" + id + "/commit", null, d), PeerMessages.Answer.class);
  }

  PeerMessages.Answer release(String id, Deadline d) {
    return read(call("DELETE", "/reservations/" + id, null, d), PeerMessages.Answer.class);
  }

  PeerMessages.Answer modify(String id, PeerMessages.Rates rates, Deadline d) {
    return read(call("PUT", "/reservations/" + id, rates, d), PeerMessages.Answer.class);
  }

  /**
   * One request, tried again while it gets no answer, each attempt within this domain's timeout and
   * the deadline (the peer is told how long it has).
   */
  private String call(String method, String path, Object body, Deadline d) {
    String uri = peering.url() + PeeringServer.PREFIX + path;
    String text;
    try {
      text = body == null ? "" : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String last = "";
    int attempt = 0;
    while (attempt < attempts) {
      long within = d.leftMs(timeout.toMillis());
      if (within < 1) {
        last += (last.isEmpty() ? "" : "; ") + "no time left to ask again";
        break;
      }
      attempt++;
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(uri))
              .timeout(Duration.ofMillis(within))
              .header("Content-Type", "application/json")
              .header(Deadline.HEADER, String.valueOf(within))
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
        throw new PeerFailure(
            a.statusCode(), error(a.body(), "status"), error(a.body(), "message"));
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
        throw new PeerFailure(0, "domain " + peering.peerDomain() + ": interrupted");
      }
      if (attempt < attempts) {
        sleep(Math.min(50L * attempt, d.leftMs(50L * attempt)));
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
            + attempt
            + (attempt == 1 ? " attempt (" : " attempts (")
            + last
            + ")");
  }

  /** A field of a peer's error answer (the body itself when it is not one). */
  private static String error(String body, String field) {
    try {
      JsonNode n = JSON.readTree(body);
      return n.path("error").path(field).asText(body);
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
