package net.vdn.controller.security;

import java.util.Arrays;
import java.util.Locale;
import net.vdn.controller.error.ConfigException;

/**
 * What a caller may do. Operators own the network (devices, links, optical gear, grants, tokens,
 * the audit log) and every slice; a tenant admin creates, changes and deletes its tenant's slices
 * on the edge ports granted to the tenant; a tenant viewer only reads its tenant's slices.
 */
public enum Role {
  OPERATOR("operator"),
  TENANT_ADMIN("tenant-admin"),
  TENANT_VIEWER("tenant-viewer");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  /** The role's name in requests, tokens, claims and the config file. */
  public String wire() {
    return wire;
  }

  /** Whether this role may change slices (an operator any, a tenant admin its tenant's). */
  public boolean changesSlices() {
    return this != TENANT_VIEWER;
  }

  public static Role parse(String field, String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Role r : values()) {
      if (r.wire.equals(t)) {
        return r;
      }
    }
    throw new ConfigException(
        field,
        "unknown role '"
            + text
            + "'; known: "
            + String.join(", ", Arrays.stream(values()).map(Role::wire).toList()));
  }

  @Override
  public String toString() {
    return wire;
  }
}
