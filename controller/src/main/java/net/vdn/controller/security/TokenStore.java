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
}
