package net.vdn.softswitch.table;

/** A control-plane request on a table, profile or PRE object that was refused; nothing changed. */
public class EntryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Kind {
    INVALID,
    DUPLICATE,
    NOT_FOUND,
    FULL,
    CONST,
    IN_USE
  }

  private final Kind kind;

  public EntryException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
