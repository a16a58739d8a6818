package net.vdn.controller.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.security.ApiToken;
import net.vdn.controller.security.BrowserSignIn;
import net.vdn.controller.security.Grant;
import net.vdn.controller.security.IssuedToken;
import net.vdn.controller.security.Principal;
import net.vdn.controller.security.Role;
import net.vdn.controller.security.SecurityService;

/**
 * The security routes: who am I, grants, API tokens and the audit log under {@code /api/v1}, and
 * SAML browser sign-in under {@code /auth} (discovery page, redirect to the IdP, the assertion
 * consumer service, SP metadata, sign-out).
 */
final class SecurityApi {
  private final SecurityService security;
  private final boolean https;

  SecurityApi(SecurityService security, boolean https) {
    this.security = security;
    this.https = https;
  }

  void register(RestServer.Routes r) {
    String api = RestServer.API;
    r.get(api + "/whoami", this::whoami);
    r.get(api + "/grants", ctx -> RestServer.json(ctx, 200, grants(Guard.principal(ctx))));
    r.post(api + "/grants", this::addGrant);
    r.delete(api + "/grants/{tenant}/{device}/{port}", this::removeGrant);
    r.get(api + "/tokens", ctx -> RestServer.json(ctx, 200, tokens()));
    r.post(api + "/tokens", this::createToken);
    r.delete(api + "/tokens/{id}", this::revokeToken);
    r.get(api + "/audit", this::audit);
    r.get("/auth/saml/login", this::samlLogin);
    r.post("/auth/saml/acs", this::samlAcs);
    r.get("/auth/saml/metadata", this::samlMetadata);
    r.post("/auth/logout", this::logout);
  }

  private void whoami(Context ctx) {
    Principal p = Guard.principal(ctx);
    ObjectNode o = RestServer.JSON.createObjectNode();
    o.put("subject", p.subject());
    o.put("tenant", p.tenant());
    o.put("role", p.role().wire());
    o.put("method", p.method());
    o.put("authentication", security.enabled());
    RestServer.json(ctx, 200, o);
  }

  private ArrayNode grants(Principal p) {
    ArrayNode a = RestServer.JSON.createArrayNode();
    for (Grant g : security.grants(p)) {
      a.add(grant(g));
    }
    return a;
  }

  private static ObjectNode grant(Grant g) {
    ObjectNode o = RestServer.JSON.createObjectNode();
    o.put("tenant", g.tenant());
    o.put("device", g.device());
    o.put("port", g.port());
    if (g.vlan() != null) {
      o.put("vlan", g.vlan());
    }
    return o;
  }

  private void addGrant(Context ctx) {
    ObjectNode o = Requests.object(ctx.body());
    Requests.known(o, "", Set.of("tenant", "device", "port", "vlan"));
    String tenant = Requests.text(o, "tenant", "tenant", true);
    String device = Requests.text(o, "device", "device", true);
    int port = (int) Requests.integer(o, "port", "port", 1, 510, null);
    Long vlan =
        o.has("vlan") && !o.get("vlan").isNull()
            ? Requests.integer(o, "vlan", "vlan", 1, 4094, null)
            : null;
    Grant g =
        security.grant(new Grant(tenant, device, port, vlan == null ? null : vlan.intValue()));
    RestServer.json(ctx, 201, grant(g));
  }

  private void removeGrant(Context ctx) {
    int port = RestServer.pathInt(ctx, "port");
    String v = ctx.queryParam("vlan");
    Integer vlan;
    try {
      vlan = v == null ? null : Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw new ConfigException("vlan", "must be a number, got '" + v + "'");
    }
    security.revoke(new Grant(ctx.pathParam("tenant"), ctx.pathParam("device"), port, vlan));
    ctx.status(204);
  }

  private ArrayNode tokens() {
    ArrayNode a = RestServer.JSON.createArrayNode();
    for (ApiToken t : security.tokens()) {
      a.add(token(t));
    }
    return a;
  }

  private static ObjectNode token(ApiToken t) {
    ObjectNode o = RestServer.JSON.createObjectNode();
    o.put("id", t.id());
    o.put("role", t.role().wire());
    if (t.tenant() != null) {
      o.put("tenant", t.tenant());
    }
    o.put("description", t.description());
    o.put("created", t.created());
    return o;
  }

  private void createToken(Context ctx) {
    ObjectNode o = Requests.object(ctx.body());
    Requests.known(o, "", Set.of("tenant", "role", "description"));
    Role role = Role.parse("role", Requests.text(o, "role", "role", true));
    String tenant = Requests.text(o, "tenant", "tenant", role != Role.OPERATOR);
    IssuedToken t =
        security.createToken(tenant, role, Requests.text(o, "description", "description", false));
    ObjectNode answer = token(t.token());
    answer.put("token", t.value());
    ctx.header("Cache-Control", "no-store");
    RestServer.json(ctx, 201, answer);
  }

  private void revokeToken(Context ctx) {
    security.revokeToken(ctx.pathParam("id"));
    ctx.status(204);
  }

  private void audit(Context ctx) {
    String l = ctx.queryParam("limit");
    int limit;
    try {
      limit = l == null ? 100 : Integer.parseInt(l);
    } catch (NumberFormatException e) {
      throw new ConfigException("limit", "must be a number, got '" + l + "'");
    }
    if (limit < 1 || limit > 10_000) {
      throw new ConfigException("limit", "outside 1..10000: " + limit);
    }
    RestServer.json(ctx, 200, security.audit(limit));
  }

  // ------------------------------------------------------------------ browser sign-in

  private BrowserSignIn saml() {
    return security
        .browserSignIn()
        .orElseThrow(() -> new NotFoundException("SAML sign-in is not configured"));
  }

  /** With {@code idp}: off to that IdP; without: the discovery page (or the only IdP). */
  private void samlLogin(Context ctx) {
    BrowserSignIn s = saml();
    String idp = ctx.queryParam("idp");
    String back = ctx.queryParam("return");
    if (idp == null && s.identityProviders().size() == 1) {
      idp = s.identityProviders().get(0).name();
    }
    if (idp != null) {
      ctx.redirect(s.redirect(idp, back));
      return;
    }
    StringBuilder page =
        new StringBuilder(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>VDN sign-in</title></head>"
                + "<body><h1>Sign in to VDN</h1><p>Choose your institution:</p><ul>");
    for (BrowserSignIn.Choice c : s.identityProviders()) {
      page.append("<li><a href=\"/auth/saml/login?idp=")
          .append(escape(c.name()))
          .append(back == null ? "" : "&amp;return=" + escape(urlEncode(back)))
          .append("\">")
          .append(escape(c.displayName()))
          .append("</a></li>");
    }
    page.append("</ul></body></html>");
    ctx.contentType("text/html; charset=utf-8").result(page.toString());
  }

  private void samlAcs(Context ctx) {
    BrowserSignIn s = saml();
    String relay = ctx.formParam("RelayState");
    String back = s.returnPath(relay);
    BrowserSignIn.Session session = s.consume(ctx.formParam("SAMLResponse"), relay);
    Cookie c = new Cookie(Guard.SESSION_COOKIE, session.id());
    c.setHttpOnly(true);
    c.setSecure(https);
    c.setPath("/");
    c.setMaxAge((int) session.maxAgeSeconds());
    c.setSameSite(SameSite.LAX);
    ctx.cookie(c);
    ctx.redirect(back);
  }

  private void samlMetadata(Context ctx) {
    ctx.contentType("application/samlmetadata+xml").result(saml().metadata());
  }

  private void logout(Context ctx) {
    security.browserSignIn().ifPresent(s -> s.signOut(ctx.cookie(Guard.SESSION_COOKIE)));
    ctx.removeCookie(Guard.SESSION_COOKIE, "/");
    ctx.status(204);
  }

  private static String urlEncode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
