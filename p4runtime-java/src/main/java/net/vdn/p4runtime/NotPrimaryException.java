package net.vdn.p4runtime;

/** A write or pipeline change attempted while this client is not the primary for its role. */
public final class NotPrimaryException extends P4RuntimeException {
  public NotPrimaryException(String message) {
    super(message);
  }
}
