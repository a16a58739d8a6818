package net.vdn.controller.federation.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.List;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.ForbiddenException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.controller.federation.FederationOptions.Peering;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.tls.JettyTls;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peering API, on its own port and over mutual TLS only: a caller must present a certificate
 * signed by the CA pinned for one of this domain's peers, and may act only as that peer. Routes
 * under {@value #PREFIX}: the advertisement, and reserve, commit, modify and release of
 * reservations by id.
 */
final class PeeringServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeeringServer.class);
  static final String PREFIX = "/federation/v1";
  private static final ObjectMapper STRICT =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private final FederationOptions options;
  private final FederationManager manager;
  private final Holds holds;
  private Javalin app;

  private PeeringServer(FederationOptions options, FederationManager manager, Holds holds) {
    this.options = options;
    this.manager = manager;
    this.holds = holds;
  }

  static PeeringServer start(FederationOptions options, FederationManager manager, Holds holds) {
    PeeringServer s = new PeeringServer(options, manager, holds);
    s.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              tls(config, options);
              config.routes.get(PREFIX + "/advertisement", s::advertise);
              config.routes.post(PREFIX + "/reservations", s::reserve);
              config.routes.post(PREFIX + "/reservations/{id}/commit", s::commit);
              config.routes.put(PREFIX + "/reservations/{id}", s::modify);
              config.routes.delete(PREFIX + "/reservations/{id}", s::release);
              config.routes.exception(Exception.class, (e, ctx) -> s.error(ctx, e));
            });
    s.app.start();
    return s;
  }

  int port() {
    return app.port();
  }

  private static void tls(io.javalin.config.JavalinConfig config, FederationOptions options) {
    SslContextFactory.Server ssl =
        JettyTls.server(PeerTls.keyStore(options.certificate(), options.key()), "");
    ssl.setTrustStore(
        PeerTls.trustStore(options.peerings().stream().map(Peering::peerCa).distinct().toList()));
    ssl.setNeedClientAuth(true);
    JettyTls.listen(config, ssl, options.host(), options.port());
  }

  /** The peer domain the caller's certificate proves it is (the CA pinned for it signed it). */
  private String peer(Context ctx) {
    Object chain = ctx.req().getAttribute("jakarta.servlet.request.X509Certificate");
    if (!(chain instanceof X509Certificate[] certs) || certs.length == 0) {
      throw new ForbiddenException("a client certificate is required");
    }
    for (Peering p : options.peerings()) {
      if (PeerTls.signedBy(certs[0], p.peerCa())) {
        return p.peerDomain();
      }
    }
    throw new ForbiddenException("the client certificate is signed by no peer's CA");
  }

  private void advertise(Context ctx) {
    String peer = peer(ctx);
    String param = ctx.queryParam("trail");
    List<String> named =
        param == null || param.isEmpty() ? List.of() : List.of(param.split(",", -1));
    if (named.stream().anyMatch(d -> !d.matches("[A-Za-z0-9_-]{1,32}"))) {
      throw new IllegalArgumentException("trail: domain names, separated by ','");
    }
    List<String> trail = Asked.trail(named, peer, options.domain());
    json(ctx, 200, manager.advertise(trail, deadline(ctx)));
  }

  private void reserve(Context ctx) {
    String peer = peer(ctx);
    PeerMessages.Reserve r;
    try {
      r = STRICT.readValue(ctx.body(), PeerMessages.Reserve.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body: not a reservation: " + e.getOriginalMessage());
    }
    if (!peer.equals(r.origin())) {
      throw new ForbiddenException(
          "origin: the certificate is " + peer + "'s, the request says " + r.origin());
    }
    json(ctx, 201, holds.reserve(r, deadline(ctx)));
  }

  private void commit(Context ctx) {
    json(ctx, 200, holds.commit(owned(ctx), deadline(ctx)));
  }

  private void modify(Context ctx) {
    String id = owned(ctx);
    PeerMessages.Rates rates;
    try {
      rates = STRICT.readValue(ctx.body(), PeerMessages.Rates.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body: not rates: " + e.getOriginalMessage());
    }
    json(ctx, 200, holds.modify(id, rates, deadline(ctx)));
  }

  private void release(Context ctx) {
    json(ctx, 200, holds.release(owned(ctx), deadline(ctx)));
  }

  /** When the asking peer stops waiting for the answer (its header), less a margin to answer. */
  private static Deadline deadline(Context ctx) {
    return Deadline.header(ctx.header(Deadline.HEADER));
  }

  /** The reservation id of the path, when the calling peer made it (or it does not exist). */
  private String owned(Context ctx) {
    String peer = peer(ctx);
    String id = ctx.pathParam("id");
    List<String> others =
        holds.all().stream()
            .filter(h -> h.id().equals(id) && !h.origin().equals(peer))
            .map(h -> h.origin())
            .toList();
    if (!others.isEmpty()) {
      // Another domain's reservation is none of this peer's business: as if it were not there.
      throw new NotFoundException("no reservation " + id);
    }
    return id;
  }

  private void error(Context ctx, Exception e) {
    int code;
    String status;
    switch (e) {
      case ForbiddenException f -> {
        code = 403;
        status = "FORBIDDEN";
      }
      case NotFoundException n -> {
        code = 404;
        status = "NOT_FOUND";
      }
      case VlanTakenException v -> {
        code = 409;
        status = "VLAN_TAKEN";
      }
      case AdmissionException a -> {
        code = 409;
        status = "ADMISSION_REFUSED";
      }
      case DuplicateException d -> {
        code = 409;
        status = "CONFLICT";
      }
      case IllegalArgumentException i -> {
        code = 400;
        status = "BAD_REQUEST";
      }
      default -> {
        code = 500;
        status = "INTERNAL";
        log.warn("peering API {} {} failed", ctx.method(), ctx.path(), e);
      }
    }
    if (code != 500) {
      log.info("peering API {} {}: {} {}", ctx.method(), ctx.path(), code, e.getMessage());
    }
    ObjectNode o = STRICT.createObjectNode();
    ObjectNode err = o.putObject("error");
    err.put("code", code);
    err.put("status", status);
    err.put("message", code == 500 ? "internal error" : e.getMessage());
    ctx.status(code).contentType("application/json").result(o.toString());
  }

  private static void json(Context ctx, int code, Object body) {
    try {
      ctx.status(code).contentType("application/json").result(STRICT.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }
}
