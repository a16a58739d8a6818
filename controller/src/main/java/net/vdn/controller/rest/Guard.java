package net.vdn.controller.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import net.vdn.controller.error.ForbiddenException;
import net.vdn.controller.security.AuditRecord;
import net.vdn.controller.security.AuditScope;
import net.vdn.controller.security.Principal;
import net.vdn.controller.security.SecurityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call each route, checked before its handler runs: the caller is authenticated (bearer
 * token or browser session) and its role must allow the route; every change (any method but GET)
 * goes to the audit log with its answer, whatever it was. Each answer carries the request's id
 * ({@code X-Request-Id}, the caller's when it sent a sane one).
 */
final class Guard {
  private static final Logger log = LoggerFactory.getLogger(Guard.class);
  static final String PRINCIPAL = "vdn.principal";
  static final String ERROR = "vdn.error";
  private static final String REQUEST_ID = "vdn.requestId";
  private static final String AUDIT = "vdn.audit";
  static final String SESSION_COOKIE = "vdn_session";
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** What a route needs of its caller. */
  enum Need {
    /** Nothing: health, sign-in. */
    PUBLIC,
    /** Any authenticated caller (what it then sees is scoped to its tenant). */
    ANY,
    /** A role that changes slices (operator, tenant admin). */
    SLICE_WRITER,
    /** An operator. */
    OPERATOR
  }

  private final SecurityService security;

  Guard(SecurityService security) {
    this.security = security;
  }

  static Need need(String method, String path) {
    String p = path.startsWith(RestServer.API) ? path.substring(RestServer.API.length()) : null;
    if (p == null) {
      return path.startsWith("/auth/") ? Need.PUBLIC : Need.OPERATOR;
    }
    boolean read = method.equals("GET");
    return switch (p) {
      case "/health" -> Need.PUBLIC;
      case "/openapi.json", "/whoami", "/grants", "/events" -> read ? Need.ANY : Need.OPERATOR;
      case "/slices" -> read ? Need.ANY : Need.SLICE_WRITER;
      case "/slices/{name}", "/slices/{name}/stats" -> Need.ANY;
      default -> Need.OPERATOR;
    };
  }

  Handler wrap(HandlerType method, String path, Handler h) {
    Need need = need(method.name(), path);
    if (need == Need.PUBLIC) {
      return h;
    }
    return ctx -> {
      Principal p = authenticate(ctx);
      ctx.attribute(PRINCIPAL, p);
      switch (need) {
        case OPERATOR -> {
          if (!p.operator()) {
            throw new ForbiddenException("only an operator may " + method + " " + path);
          }
        }
        case SLICE_WRITER -> {
          if (!p.role().changesSlices()) {
            throw new ForbiddenException(
                "a " + p.role().wire() + " reads slices; changing them needs a tenant-admin");
          }
        }
        default -> {}
      }
      if (changes(method.name())) {
        // A store may keep the change's record in the change's own transaction.
        AuditScope audit = new AuditScope(record(ctx, p, succeeded(method), null));
        ctx.attribute(AUDIT, audit);
        audit.run(
            () -> {
              h.handle(ctx);
              return null;
            });
      } else {
        h.handle(ctx);
      }
    };
  }

  private static boolean changes(String method) {
    return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
  }

  /** The answer a change gets when it succeeds. */
  private static int succeeded(HandlerType method) {
    return switch (method.name()) {
      case "POST" -> 201;
      case "DELETE" -> 204;
      default -> 200;
    };
  }

  private Principal authenticate(Context ctx) {
    String authorization = ctx.header("Authorization");
    String session = authorization == null ? ctx.cookie(SESSION_COOKIE) : null;
    Principal p = security.authenticate(authorization, session);
    if (session != null
        && security.enabled()
        && !ctx.method().name().equals("GET")
        && ctx.header("X-Requested-With") == null) {
      throw new ForbiddenException(
          "a browser session changes state only with the X-Requested-With header");
    }
    return p;
  }

  /** The caller of a guarded route. */
  static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    return p == null ? Principal.UNAUTHENTICATED_OPERATOR : p;
  }

  void before(Context ctx) {
    String asked = ctx.header("X-Request-Id");
    String id =
        asked != null && SANE_ID.matcher(asked).matches() ? asked : UUID.randomUUID().toString();
    ctx.attribute(REQUEST_ID, id);
    ctx.header("X-Request-Id", id);
  }

  /**
   * Writes a change, and what became of it, to the audit log — unless a store kept that very record
   * with the change already.
   */
  void after(Context ctx) {
    String method = ctx.method().name();
    if (!changes(method)) {
      return;
    }
    int status = ctx.statusCode();
    AuditScope kept = ctx.attribute(AUDIT);
    if (kept != null && kept.isKept() && kept.record().status() == status) {
      return;
    }
    try {
      security.audit(record(ctx, ctx.attribute(PRINCIPAL), status, ctx.attribute(ERROR)));
    } catch (RuntimeException e) {
      log.error("audit: cannot record {} {} ({}): {}", method, ctx.path(), status, e.toString());
    }
  }

  private static AuditRecord record(Context ctx, Principal p, int status, String error) {
    return new AuditRecord(
        Instant.now().toString(),
        ctx.attribute(REQUEST_ID),
        p == null ? "anonymous" : p.subject(),
        p == null ? null : p.tenant(),
        p == null ? null : p.role().wire(),
        ctx.method().name() + " " + ctx.path(),
        target(ctx),
        status,
        status < 400 ? "ok" : status < 500 ? "refused" : "failed",
        error);
  }

  /** What a change is about: the name in its path, else the name in its body. */
  private static String target(Context ctx) {
    String path = ctx.path();
    if (!path.startsWith(RestServer.API)) {
      return null;
    }
    try {
      JsonNode body = RestServer.JSON.readTree(ctx.body());
      if (body != null && body.path("name").isTextual()) {
        return body.get("name").asText();
      }
    } catch (Exception e) {
      // Not JSON: the path says what it was about.
    }
    String[] parts = path.substring(RestServer.API.length()).split("/");
    return parts.length > 2 ? parts[2] : null;
  }
}
