package net.vdn.controller.security.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.UnauthenticatedException;
import net.vdn.controller.security.Principal;
import net.vdn.controller.security.Role;

/**
 * An identity provider's claims or attributes as a principal: the role from the configured values
 * (the strongest when several map), the tenant from its own claim.
 */
final class ClaimMapping {
  private ClaimMapping() {}

  /** Values of a claim or attribute: a list's items, a text's space-separated words. */
  static List<String> values(Object claim) {
    List<String> out = new ArrayList<>();
    if (claim instanceof Collection<?> c) {
      c.forEach(v -> out.addAll(values(v)));
    } else if (claim instanceof String s) {
      for (String w : s.trim().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
    } else if (claim != null) {
      out.add(claim.toString());
    }
    return out;
  }

  static Principal principal(
      String method,
      String subject,
      List<String> roleValues,
      List<String> tenantValues,
      Map<String, String> roles,
      String defaultRole) {
    if (subject == null || subject.isBlank()) {
      throw new UnauthenticatedException("the identity names no user");
    }
    Role role = null;
    for (String v : roleValues) {
      String mapped = roles.get(v);
      if (mapped != null) {
        Role r = Role.parse("role", mapped);
        if (role == null || r.ordinal() < role.ordinal()) {
          role = r;
        }
      }
    }
    if (role == null && defaultRole != null) {
      role = Role.parse("role", defaultRole);
    }
    if (role == null) {
      throw new UnauthenticatedException("the identity carries no VDN role");
    }
    String tenant = null;
    if (role != Role.OPERATOR) {
      if (tenantValues.size() != 1) {
        throw new UnauthenticatedException("the identity names no single tenant");
      }
      tenant = tenantValues.get(0);
    }
    try {
      return new Principal(method + ":" + subject, tenant, role, method);
    } catch (ConfigException e) {
      throw new UnauthenticatedException("the identity's tenant is not a tenant name");
    }
  }
}
