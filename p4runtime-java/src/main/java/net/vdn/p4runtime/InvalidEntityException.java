package net.vdn.p4runtime;

/**
 * An entity, packet or request that the program cannot accept (wrong width, missing priority,
 * action not allowed in the table, ...). Raised before anything is sent.
 */
public final class InvalidEntityException extends P4RuntimeException {
  public InvalidEntityException(String message) {
    super(message);
  }
}
