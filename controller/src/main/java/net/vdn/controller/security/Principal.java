package net.vdn.controller.security;

import java.util.regex.Pattern;
import net.vdn.controller.error.ConfigException;

/**
 * Who is calling: a subject (a token's id, a JWT's subject, a SAML name), the tenant it acts for
 * (null for operators), its role, and how it proved it.
 *
 * @param method {@code token}, {@code oidc}, {@code saml}, or {@code none} when authentication is
 *     off and every caller is an operator
 */
public record Principal(String subject, String tenant, Role role, String method) {
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The caller when authentication is off: an operator with no name. */
  public static final Principal UNAUTHENTICATED_OPERATOR =
      new Principal("anonymous", null, Role.OPERATOR, "none");

  public Principal {
    if (role == null) {
      throw new ConfigException("role", "a principal needs a role");
    }
    if (role != Role.OPERATOR) {
      checkTenant("tenant", tenant);
    }
  }

  public boolean operator() {
    return role == Role.OPERATOR;
  }

  /** Whether this caller may see and (by role) act on a slice of this tenant. */
  public boolean sees(String sliceTenant) {
    return operator() || tenant.equals(sliceTenant);
  }

  /** Checks a tenant's name: 1-64 letters, digits, '.', '_' or '-'. */
  public static String checkTenant(String field, String tenant) {
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      throw new ConfigException(
          field,
          "a tenant needs 1-64 letters, digits, '.', '_' or '-', got "
              + (tenant == null ? "nothing" : "'" + tenant + "'"));
    }
    return tenant;
  }
}
