package net.vdn.controller.security;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.vdn.controller.error.ConfigException;

/**
 * The {@code auth} and {@code tls} sections of the controller config: who may call the API and how
 * they prove it, and HTTPS for the API.
 */
public record SecurityOptions(Auth auth, Tls tls, OpenFlowTls openflowTls) {
  public SecurityOptions {
    auth = auth == null ? Auth.OFF : auth;
  }

  /** Authentication and HTTPS, the OpenFlow listener in plain TCP. */
  public SecurityOptions(Auth auth, Tls tls) {
    this(auth, tls, null);
  }

  /**
   * No authentication, plain HTTP: what tests and {@code ControllerOptions.defaults} start with.
   */
  public static final SecurityOptions OFF = new SecurityOptions(Auth.OFF, null);

  /** API tokens on, the first operator token created at the first start: the main job's default. */
  public static SecurityOptions apiTokens() {
    return new SecurityOptions(new Auth(true, true, true, null, null), null);
  }

  public SecurityOptions withTls(Tls t) {
    return new SecurityOptions(auth, t, openflowTls);
  }

  /** Paths in the config resolved against the config file's folder. */
  public SecurityOptions resolve(UnaryOperator<Path> in) {
    return new SecurityOptions(
        auth.resolve(in),
        tls == null ? null : tls.resolve(in),
        openflowTls == null ? null : openflowTls.resolve(in));
  }

  /**
   * Authentication.
   *
   * @param enabled when false every caller is an operator (and the audit log says "anonymous");
   *     true when the section is there and does not say
   * @param apiTokens whether operator-issued API tokens are accepted
   * @param firstOperatorToken whether a first operator token is created (and shown once) when the
   *     store holds no operator token
   */
  public record Auth(
      Boolean enabled, Boolean apiTokens, Boolean firstOperatorToken, Oidc oidc, Saml saml) {
    public static final Auth OFF = new Auth(false, false, false, null, null);

    public Auth {
      enabled = enabled == null || enabled;
      apiTokens = apiTokens == null || apiTokens;
      firstOperatorToken = firstOperatorToken == null || firstOperatorToken;
    }

    Auth resolve(UnaryOperator<Path> in) {
      return new Auth(
          enabled, apiTokens, firstOperatorToken, oidc, saml == null ? null : saml.resolve(in));
    }
  }

  /**
   * Bearer JWTs from an OIDC provider.
   *
   * @param issuer the {@code iss} every token must carry
   * @param jwksUri where the issuer's keys are; when null, read from the issuer's discovery
   *     document
   * @param audience the {@code aud} every token must include
   * @param algorithms the JWS algorithms accepted (RS256 when empty); {@code none} never is
   * @param clockSkewSeconds how far {@code exp} and {@code nbf} may be off (60 when null)
   * @param subjectClaim the claim naming the user ({@code sub} when null)
   * @param tenantClaim the claim naming the tenant ({@code tenant} when null)
   * @param roleClaim the claim holding the role or a list of groups ({@code roles} when null)
   * @param roles the claim's values mapped to roles (a value absent here is not a role)
   * @param defaultRole the role of a token whose claim maps to none, or null to refuse it
   */
  public record Oidc(
      String issuer,
      URI jwksUri,
      String audience,
      List<String> algorithms,
      Integer clockSkewSeconds,
      String subjectClaim,
      String tenantClaim,
      String roleClaim,
      Map<String, String> roles,
      String defaultRole) {
    public Oidc {
      if (issuer == null || issuer.isBlank()) {
        throw new ConfigException("auth.oidc.issuer", "required");
      }
      if (audience == null || audience.isBlank()) {
        throw new ConfigException("auth.oidc.audience", "required");
      }
      algorithms = algorithms == null || algorithms.isEmpty() ? List.of("RS256") : algorithms;
      if (algorithms.stream().anyMatch(a -> a.equalsIgnoreCase("none"))) {
        throw new ConfigException("auth.oidc.algorithms", "'none' is never accepted");
      }
      clockSkewSeconds = clockSkewSeconds == null ? 60 : clockSkewSeconds;
      if (clockSkewSeconds < 0 || clockSkewSeconds > 300) {
        throw new ConfigException("auth.oidc.clockSkewSeconds", "outside 0..300");
      }
      subjectClaim = subjectClaim == null ? "sub" : subjectClaim;
      tenantClaim = tenantClaim == null ? "tenant" : tenantClaim;
      roleClaim = roleClaim == null ? "roles" : roleClaim;
      roles = roles == null ? Map.of() : Map.copyOf(roles);
      roles.values().forEach(r -> Role.parse("auth.oidc.roles", r));
      if (defaultRole != null) {
        Role.parse("auth.oidc.defaultRole", defaultRole);
      }
    }
  }

  /**
   * SAML 2.0 browser sign-in, for the portal and research federations.
   *
   * @param entityId this controller's SP entity id
   * @param baseUrl the controller's address as browsers reach it ({@code
   *     https://vdn.example:8181}); the assertion consumer service is {@code baseUrl +
   *     /auth/saml/acs}
   * @param identityProviders the IdPs offered on the discovery page
   * @param userAttribute the attribute naming the user (the NameID when null)
   * @param tenantAttribute the attribute naming the tenant
   * @param roleAttribute the attribute holding the role or groups
   * @param roles attribute values mapped to roles
   * @param defaultRole the role when no value maps to one, or null to refuse the sign-in
   * @param sessionMinutes how long a browser session lasts (480 when null)
   */
  public record Saml(
      String entityId,
      String baseUrl,
      List<Idp> identityProviders,
      String userAttribute,
      String tenantAttribute,
      String roleAttribute,
      Map<String, String> roles,
      String defaultRole,
      Integer sessionMinutes) {
    public Saml {
      if (entityId == null || entityId.isBlank()) {
        throw new ConfigException("auth.saml.entityId", "required");
      }
      if (baseUrl == null || !baseUrl.matches("https?://.+")) {
        throw new ConfigException("auth.saml.baseUrl", "needs http(s)://host:port");
      }
      baseUrl = baseUrl.replaceAll("/+$", "");
      if (identityProviders == null || identityProviders.isEmpty()) {
        throw new ConfigException("auth.saml.identityProviders", "at least one is required");
      }
      identityProviders = List.copyOf(identityProviders);
      if (tenantAttribute == null || tenantAttribute.isBlank()) {
        throw new ConfigException("auth.saml.tenantAttribute", "required");
      }
      roleAttribute = roleAttribute == null ? "role" : roleAttribute;
      roles = roles == null ? Map.of() : Map.copyOf(roles);
      roles.values().forEach(r -> Role.parse("auth.saml.roles", r));
      if (defaultRole != null) {
        Role.parse("auth.saml.defaultRole", defaultRole);
      }
      sessionMinutes = sessionMinutes == null ? 480 : sessionMinutes;
    }

    Saml resolve(UnaryOperator<Path> in) {
      return new Saml(
          entityId,
          baseUrl,
          identityProviders.stream().map(i -> i.resolve(in)).toList(),
          userAttribute,
          tenantAttribute,
          roleAttribute,
          roles,
          defaultRole,
          sessionMinutes);
    }
  }

  /**
   * One identity provider of the discovery page.
   *
   * @param name short name, in URLs ({@code /auth/saml/login?idp=NAME})
   * @param displayName what the discovery page shows (an institution's name)
   * @param metadata the IdP's SAML metadata (XML file)
   */
  public record Idp(String name, String displayName, Path metadata) {
    public Idp {
      if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new ConfigException("auth.saml.identityProviders.name", "1-64 letters or digits");
      }
      if (metadata == null) {
        throw new ConfigException("auth.saml.identityProviders.metadata", "required");
      }
      displayName = displayName == null ? name : displayName;
    }

    Idp resolve(UnaryOperator<Path> in) {
      return new Idp(name, displayName, in.apply(metadata));
    }
  }

  /**
   * HTTPS for the API and the portal: a PEM certificate chain and PKCS#8 key, or a PKCS#12 key
   * store; with {@code clientCa}, callers must present a certificate it signed (mutual TLS).
   */
  /**
   * TLS on the OpenFlow listener (the config's {@code openflowTls} section), from PEM files.
   *
   * @param certificate the listener's certificate chain
   * @param key its private key (PKCS#8)
   * @param clientCa when given, switches must present a certificate this CA signed (mutual TLS)
   */
  public record OpenFlowTls(Path certificate, Path key, Path clientCa) {
    public OpenFlowTls {
      if (certificate == null || key == null) {
        throw new ConfigException("openflowTls", "needs certificate and key (PEM files)");
      }
    }

    OpenFlowTls resolve(UnaryOperator<Path> in) {
      return new OpenFlowTls(
          in.apply(certificate), in.apply(key), clientCa == null ? null : in.apply(clientCa));
    }
  }

  public record Tls(
      Path certificate, Path key, Path keyStore, String keyStorePassword, Path clientCa) {
    public Tls {
      if ((certificate == null) != (key == null)) {
        throw new ConfigException("tls", "certificate and key go together");
      }
      if ((certificate == null) == (keyStore == null)) {
        throw new ConfigException("tls", "needs certificate and key, or keyStore (not both)");
      }
    }

    Tls resolve(UnaryOperator<Path> in) {
      return new Tls(
          certificate == null ? null : in.apply(certificate),
          key == null ? null : in.apply(key),
          keyStore == null ? null : in.apply(keyStore),
          keyStorePassword,
          clientCa == null ? null : in.apply(clientCa));
    }
  }
}
