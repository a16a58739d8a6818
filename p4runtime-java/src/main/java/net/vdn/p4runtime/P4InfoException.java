package net.vdn.p4runtime;

/** A name that P4Info does not have, or that matches more than one object, or a broken P4Info. */
public final class P4InfoException extends P4RuntimeException {
  public P4InfoException(String message) {
    super(message);
  }

  public P4InfoException(String message, Throwable cause) {
    super(message, cause);
  }
}
