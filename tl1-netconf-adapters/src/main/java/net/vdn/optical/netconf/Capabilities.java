package net.vdn.optical.netconf;

import java.util.Set;

/** The capability URIs a NETCONF peer advertised in its hello. */
public record Capabilities(Set<String> uris) {
  public static final String BASE_1_0 = "urn:ietf:params:netconf:base:1.0";
  public static final String BASE_1_1 = "urn:ietf:params:netconf:base:1.1";
  public static final String CANDIDATE = "urn:ietf:params:netconf:capability:candidate:1.0";
  public static final String CONFIRMED_COMMIT_1_0 =
      "urn:ietf:params:netconf:capability:confirmed-commit:1.0";
  public static final String CONFIRMED_COMMIT_1_1 =
      "urn:ietf:params:netconf:capability:confirmed-commit:1.1";
  public static final String WRITABLE_RUNNING =
      "urn:ietf:params:netconf:capability:writable-running:1.0";
  public static final String ROLLBACK_ON_ERROR =
      "urn:ietf:params:netconf:capability:rollback-on-error:1.0";
  public static final String VALIDATE_1_0 = "urn:ietf:params:netconf:capability:validate:1.0";
  public static final String VALIDATE_1_1 = "urn:ietf:params:netconf:capability:validate:1.1";
  public static final String STARTUP = "urn:ietf:params:netconf:capability:startup:1.0";
  public static final String NOTIFICATION = "urn:ietf:params:netconf:capability:notification:1.0";
  public static final String INTERLEAVE = "urn:ietf:params:netconf:capability:interleave:1.0";

  public Capabilities {
    uris = Set.copyOf(uris);
  }

  /** Whether a capability is advertised; URIs with parameters match on the part before '?'. */
  public boolean has(String uri) {
    if (uris.contains(uri)) {
      return true;
    }
    for (String u : uris) {
      int q = u.indexOf('?');
      if (q > 0 && u.substring(0, q).equals(uri)) {
        return true;
      }
    }
    return false;
  }

  public boolean candidate() {
    return has(CANDIDATE);
  }

  public boolean confirmedCommit() {
    return has(CONFIRMED_COMMIT_1_1) || has(CONFIRMED_COMMIT_1_0);
  }

  public boolean writableRunning() {
    return has(WRITABLE_RUNNING);
  }

  public boolean rollbackOnError() {
    return has(ROLLBACK_ON_ERROR);
  }

  public boolean validate() {
    return has(VALIDATE_1_1) || has(VALIDATE_1_0);
  }

  public boolean notifications() {
    return has(NOTIFICATION);
  }

  /** Whether a YANG module of this namespace is advertised. */
  public boolean module(String namespace) {
    return uris.stream().anyMatch(u -> u.startsWith(namespace + "?module="));
  }
}
