package net.vdn.controller.error;

/**
 * A call without a valid identity: no credentials, or credentials that do not check out (the REST
 * API answers it with 401 and says only what kind of problem it was, never which key or claim).
 */
public class UnauthenticatedException extends RuntimeException {
  public UnauthenticatedException(String message) {
    super(message);
  }
}
