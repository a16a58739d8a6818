package net.vdn.softswitch.table;

/** An insert into a table (or profile) that already holds as many entries as its size allows. */
public final class TableFullException extends EntryException {
  private static final long serialVersionUID = 1L;

  public TableFullException(String message) {
    super(Kind.FULL, message);
  }
}
