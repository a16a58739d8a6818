package net.vdn.controller.security.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.vdn.controller.security.ApiToken;
import net.vdn.controller.security.IssuedToken;
import net.vdn.controller.security.Role;
import net.vdn.controller.security.TokenStore;

/**
 * API tokens: {@code vdn_<16 hex id>_<43 base64url secret>}, 256 random bits of secret of which the
 * store keeps only the SHA-256 (a slow hash would add nothing to a secret this long, and cost every
 * call). Checking one is a map look-up and one hash.
 */
final class ApiTokens {
  private static final Pattern FORM = Pattern.compile("vdn_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
  private final SecureRandom random = new SecureRandom();
  private final TokenStore store;

  ApiTokens(TokenStore store) {
    this.store = store;
  }

  IssuedToken create(String tenant, Role role, String description) {
    IssuedToken t = mint(tenant, role, description);
    store.putToken(t.token());
    return t;
  }

  /** The first operator token, unless the store (shared or not) already holds an operator's. */
  Optional<IssuedToken> createFirstOperator(String description) {
    IssuedToken t = mint(null, Role.OPERATOR, description);
    return store.putFirstOperatorToken(t.token()) ? Optional.of(t) : Optional.empty();
  }

  private IssuedToken mint(String tenant, Role role, String description) {
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    random.nextBytes(id);
    random.nextBytes(secret);
    String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiToken t =
        new ApiToken(
            HexFormat.of().formatHex(id),
            role == Role.OPERATOR ? null : tenant,
            role,
            description,
            sha256(secretText),
            Instant.now().toString());
    return new IssuedToken(t, "vdn_" + t.id() + "_" + secretText);
  }

  /** The stored token this value is, or empty when it is none (malformed, unknown, wrong). */
  Optional<ApiToken> check(String value) {
    Matcher m = FORM.matcher(value);
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<ApiToken> t = store.token(m.group(1));
    if (t.isEmpty()) {
      return Optional.empty();
    }
    byte[] want = HexFormat.of().parseHex(t.get().secretSha256());
    byte[] got = HexFormat.of().parseHex(sha256(m.group(2)));
    return MessageDigest.isEqual(want, got) ? t : Optional.empty();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
