package net.vdn.controller.security;

import java.util.List;

/** The edge ports granted to tenants, durable when a write returns. */
public interface GrantStore {
  /** Adds a grant (nothing when an equal one is there). */
  void putGrant(Grant grant);

  /** Takes a grant back (nothing when it is not there). */
  void removeGrant(Grant grant);

  List<Grant> grants();
}
