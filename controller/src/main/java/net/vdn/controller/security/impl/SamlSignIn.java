package net.vdn.controller.security.impl;

import com.onelogin.saml2.authn.AuthnRequest;
import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.http.HttpRequest;
import com.onelogin.saml2.settings.IdPMetadataParser;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Util;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.error.UnauthenticatedException;
import net.vdn.controller.security.BrowserSignIn;
import net.vdn.controller.security.Principal;
import net.vdn.controller.security.SecurityOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * SAML 2.0 Web Browser SSO as a service provider, with OneLogin's java-saml core (which checks the
 * XML signatures through Apache Santuario): an AuthnRequest over the HTTP-Redirect binding, the
 * Response over HTTP-POST, accepted only when it answers a request this controller sent (within 10
 * minutes, once), is addressed to it, and carries an assertion signed by the IdP's certificate from
 * its metadata. The IdP's attributes become a principal by the configured mapping; a browser keeps
 * the sign-in as a session cookie.
 */
final class SamlSignIn implements BrowserSignIn {
  private static final Logger log = LoggerFactory.getLogger(SamlSignIn.class);
  private static final long REQUEST_TTL_MS = 10 * 60_000L;

  private record Pending(String idp, String requestId, String returnTo, long expires) {}

  private record Open(Principal principal, long expires) {}

  private final SecurityOptions.Saml options;
  private final Map<String, Saml2Settings> idps = new LinkedHashMap<>();
  private final List<Choice> choices = new ArrayList<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Open> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  SamlSignIn(SecurityOptions.Saml options) {
    this.options = options;
    for (SecurityOptions.Idp idp : options.identityProviders()) {
      Map<String, Object> values;
      try {
        // A file of the config (java-saml's parseFileXML reads from the class path instead).
        Document metadata = Util.loadXML(Files.readString(idp.metadata()));
        if (metadata == null) {
          throw new IllegalArgumentException("not well-formed XML");
        }
        values = new HashMap<>(IdPMetadataParser.parseXML(metadata));
      } catch (Exception e) {
        throw new ConfigException(
            "auth.saml.identityProviders." + idp.name() + ".metadata",
            "cannot read " + idp.metadata() + ": " + e.getMessage());
      }
      values.put("onelogin.saml2.strict", true);
      values.put("onelogin.saml2.sp.entityid", options.entityId());
      values.put("onelogin.saml2.sp.assertion_consumer_service.url", acsUrl());
      values.put("onelogin.saml2.security.want_assertions_signed", true);
      values.put("onelogin.saml2.security.want_messages_signed", false);
      values.put("onelogin.saml2.security.reject_deprecated_alg", true);
      values.put(
          "onelogin.saml2.sp.nameidformat", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
      idps.put(idp.name(), new SettingsBuilder().fromValues(values).build());
      choices.add(new Choice(idp.name(), idp.displayName()));
    }
  }

  String acsUrl() {
    return options.baseUrl() + "/auth/saml/acs";
  }

  @Override
  public List<Choice> identityProviders() {
    return List.copyOf(choices);
  }

  @Override
  public String redirect(String idp, String returnTo) {
    Saml2Settings s = idps.get(idp);
    if (s == null) {
      throw new NotFoundException("no identity provider '" + idp + "'");
    }
    prune();
    AuthnRequest request = new AuthnRequest(s);
    String relay = randomId();
    pending.put(
        relay,
        new Pending(
            idp,
            request.getId(),
            localPath(returnTo),
            System.currentTimeMillis() + REQUEST_TTL_MS));
    try {
      String url = s.getIdpSingleSignOnServiceUrl().toString();
      return url
          + (url.contains("?") ? "&" : "?")
          + "SAMLRequest="
          + URLEncoder.encode(request.getEncodedAuthnRequest(), StandardCharsets.UTF_8)
          + "&RelayState="
          + URLEncoder.encode(relay, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot encode the AuthnRequest: " + e.getMessage(), e);
    }
  }

  @Override
  public Session consume(String samlResponse, String relayState) {
    Pending p = relayState == null ? null : pending.remove(relayState);
    if (p == null || p.expires() < System.currentTimeMillis()) {
      throw new UnauthenticatedException("the sign-in answers no request of this controller");
    }
    if (samlResponse == null || samlResponse.isBlank()) {
      throw new UnauthenticatedException("the sign-in carries no SAMLResponse");
    }
    Saml2Settings s = idps.get(p.idp());
    Map<String, List<String>> attributes;
    String nameId;
    try {
      SamlResponse r =
          new SamlResponse(
              s, new HttpRequest(acsUrl(), Map.of("SAMLResponse", List.of(samlResponse)), ""));
      if (!r.isValid(p.requestId())) {
        log.warn("SAML: response from {} refused: {}", p.idp(), r.getError());
        throw new UnauthenticatedException("the sign-in's answer does not check out");
      }
      attributes = r.getAttributes();
      nameId = r.getNameId();
    } catch (UnauthenticatedException e) {
      throw e;
    } catch (Exception e) {
      log.warn("SAML: response from {} unreadable: {}", p.idp(), e.getMessage());
      throw new UnauthenticatedException("the sign-in's answer does not check out");
    }
    String user =
        options.userAttribute() == null ? nameId : first(attributes.get(options.userAttribute()));
    Principal who =
        ClaimMapping.principal(
            "saml",
            p.idp() + "/" + user,
            ClaimMapping.values(attributes.get(options.roleAttribute())),
            ClaimMapping.values(attributes.get(options.tenantAttribute())),
            options.roles(),
            options.defaultRole());
    long maxAge = options.sessionMinutes() * 60L;
    String id = randomId();
    sessions.put(id, new Open(who, System.currentTimeMillis() + maxAge * 1000));
    log.info(
        "SAML: {} signed in through {} as {} of {}",
        who.subject(),
        p.idp(),
        who.role(),
        who.tenant());
    return new Session(id, who, maxAge);
  }

  @Override
  public String returnPath(String relayState) {
    Pending p = relayState == null ? null : pending.get(relayState);
    return p == null ? "/" : p.returnTo();
  }

  /** The principal of an open session. */
  Principal session(String id) {
    Open o = sessions.get(id);
    if (o == null || o.expires() < System.currentTimeMillis()) {
      if (o != null) {
        sessions.remove(id);
      }
      throw new UnauthenticatedException("the session has ended; sign in again");
    }
    return o.principal();
  }

  @Override
  public String metadata() {
    try {
      return idps.values().iterator().next().getSPMetadata();
    } catch (Exception e) {
      throw new IllegalStateException("cannot write the SP metadata: " + e.getMessage(), e);
    }
  }

  @Override
  public void signOut(String session) {
    if (session != null) {
      sessions.remove(session);
    }
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String localPath(String returnTo) {
    return returnTo != null
            && returnTo.matches("/[A-Za-z0-9/._~%?=&-]*")
            && !returnTo.startsWith("//")
        ? returnTo
        : "/";
  }

  private String randomId() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private void prune() {
    long now = System.currentTimeMillis();
    pending.values().removeIf(p -> p.expires() < now);
    sessions.values().removeIf(o -> o.expires() < now);
  }
}
