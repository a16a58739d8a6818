package net.vdn.p4runtime;

/** Base of every exception the client raises; unchecked so callers choose where to handle it. */
public class P4RuntimeException extends RuntimeException {
  public P4RuntimeException(String message) {
    super(message);
  }

  public P4RuntimeException(String message, Throwable cause) {
    super(message, cause);
  }
}
