package net.vdn.p4runtime;

import java.util.List;

/** The target rejected one or more updates of a write; {@link #results()} has one per update. */
public final class WriteException extends P4RuntimeException {
  private final transient WriteResult result;

  public WriteException(WriteResult result) {
    super(result.summary());
    this.result = result;
  }

  public WriteResult result() {
    return result;
  }

  public List<UpdateResult> results() {
    return result.results();
  }
}
