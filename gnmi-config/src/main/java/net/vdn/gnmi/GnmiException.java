package net.vdn.gnmi;

/** Base of every exception this module raises; unchecked so callers choose where to handle it. */
public class GnmiException extends RuntimeException {
  public GnmiException(String message) {
    super(message);
  }

  public GnmiException(String message, Throwable cause) {
    super(message, cause);
  }
}
