package net.vdn.controller.security;

import java.util.List;
import java.util.Optional;

/** API tokens (hashed), durable when a write returns. */
public interface TokenStore {
  void putToken(ApiToken token);

  /** Forgets a token (nothing when it is not there). */
  void removeToken(String id);

  Optional<ApiToken> token(String id);

  List<ApiToken> tokens();

  /**
   * Stores an operator token only when the store holds none yet; returns whether it did. Two
   * controllers starting on one shared store at once mint one first operator token between them.
   */
  default boolean putFirstOperatorToken(ApiToken token) {
    synchronized (this) {
      if (tokens().stream().anyMatch(t -> t.role() == Role.OPERATOR)) {
        return false;
      }
      putToken(token);
      return true;
    }
  }
}
