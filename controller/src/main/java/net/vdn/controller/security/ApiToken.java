package net.vdn.controller.security;

import net.vdn.controller.error.ConfigException;

/**
 * An API token as the controller keeps it: never the secret, only its SHA-256. The caller holds
 * {@code vdn_<id>_<secret>}, shown once when the token is created.
 *
 * @param tenant null for operators
 * @param secretSha256 hex SHA-256 of the secret part
 * @param created when, as an ISO-8601 instant
 */
public record ApiToken(
    String id, String tenant, Role role, String description, String secretSha256, String created) {
  public ApiToken {
    if (id == null || !id.matches("[0-9a-f]{16}")) {
      throw new ConfigException("id", "a token id is 16 hex digits");
    }
    if (secretSha256 == null || !secretSha256.matches("[0-9a-f]{64}")) {
      throw new ConfigException("secretSha256", "a SHA-256 in hex is 64 hex digits");
    }
    new Principal("token:" + id, tenant, role, "token");
    if (role == Role.OPERATOR && tenant != null) {
      throw new ConfigException("tenant", "an operator token has no tenant");
    }
    description = description == null ? "" : description;
  }

  /** The caller holding this token. */
  public Principal principal() {
    return new Principal("token:" + id, tenant, role, "token");
  }
}
