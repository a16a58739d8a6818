package net.vdn.optical.tl1;

/** A TL1 command failed; {@link #kind()} says how and {@link #errorCode()} what the NE said. */
public final class Tl1Exception extends Exception {
  private static final long serialVersionUID = 1L;

  /** How a command failed. */
  public enum Kind {
    /** The NE answered DENY (or refused with an NA/NG/RL acknowledgment). */
    DENIED,
    /** The NE answered PRTL: only part of the command was carried out. */
    PARTIAL,
    /** No complete answer in time; the NE may or may not have carried it out. */
    TIMEOUT,
    /** The connection is down or broke while the command was outstanding. */
    CONNECTION,
    /** The NE sent something that is not TL1. */
    PROTOCOL
  }

  private final Kind kind;
  private final String errorCode;

  public Tl1Exception(Kind kind, String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.errorCode = errorCode == null ? "" : errorCode;
  }

  public Tl1Exception(Kind kind, String errorCode, String message) {
    this(kind, errorCode, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The NE's error code (for example {@code IIAC}), or empty. */
  public String errorCode() {
    return errorCode;
  }
}
