package net.vdn.controller.security.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.vdn.controller.error.UnauthenticatedException;
import net.vdn.controller.security.Principal;
import net.vdn.controller.security.SecurityOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer JWTs from an OIDC provider, checked by Nimbus JOSE+JWT: a JWS (never {@code alg: none}) in
 * one of the allowed algorithms, signed by a key of the issuer's JWKS (fetched on first use,
 * cached, fetched again when a token names a key it does not hold, so keys rotated at the issuer
 * are picked up without a restart), with the configured issuer and audience, unexpired and not
 * before its time within the clock skew.
 */
final class OidcTokens {
  private static final Logger log = LoggerFactory.getLogger(OidcTokens.class);
  private final SecurityOptions.Oidc options;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private JWKSource<SecurityContext> keys;

  OidcTokens(SecurityOptions.Oidc options) {
    this.options = options;
    Set<JWSAlgorithm> algs = new LinkedHashSet<>();
    options.algorithms().forEach(a -> algs.add(JWSAlgorithm.parse(a)));
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algs, this::keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            Set.of(options.audience()),
            new JWTClaimsSet.Builder().issuer(options.issuer()).build(),
            Set.of("exp", options.subjectClaim()),
            null);
    claims.setMaxClockSkew(options.clockSkewSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  private List<JWK> keys(JWKSelector selector, SecurityContext c) throws KeySourceException {
    return source().get(selector, c);
  }

  /** The issuer's key set, found (through its discovery document when not configured) once. */
  private synchronized JWKSource<SecurityContext> source() throws KeySourceException {
    if (keys == null) {
      URL jwks;
      try {
        jwks = (options.jwksUri() != null ? options.jwksUri() : discover()).toURL();
      } catch (IOException | IllegalArgumentException e) {
        throw new KeySourceException("cannot find the issuer's keys: " + e.getMessage(), e);
      }
      keys =
          JWKSourceBuilder.<SecurityContext>create(jwks)
              .cache(5 * 60_000L, 15_000L)
              .rateLimited(1_000L)
              .retrying(true)
              .build();
      log.info("OIDC: keys of {} from {}", options.issuer(), jwks);
    }
    return keys;
  }

  private URI discover() throws IOException {
    String url = options.issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration";
    var answer =
        new DefaultResourceRetriever(5000, 5000, 256 * 1024).retrieveResource(new URL(url));
    JsonNode doc = new ObjectMapper().readTree(answer.getContent());
    if (!options.issuer().equals(doc.path("issuer").asText())) {
      throw new IOException(url + " names another issuer: " + doc.path("issuer").asText());
    }
    return URI.create(doc.path("jwks_uri").asText());
  }

  Principal check(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (Exception e) {
      log.debug("OIDC: token refused: {}", e.getMessage());
      throw new UnauthenticatedException("the bearer token is not valid");
    }
    Object subject = claims.getClaim(options.subjectClaim());
    return ClaimMapping.principal(
        "oidc",
        subject == null ? null : subject.toString(),
        ClaimMapping.values(claims.getClaim(options.roleClaim())),
        ClaimMapping.values(claims.getClaim(options.tenantClaim())),
        options.roles(),
        options.defaultRole());
  }
}
