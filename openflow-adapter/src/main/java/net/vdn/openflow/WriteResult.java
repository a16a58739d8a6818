package net.vdn.openflow;

import java.util.ArrayList;
import java.util.List;

/**
 * What a switch said to messages written and confirmed by a barrier: for each message, in order,
 * null when it was accepted or the error it was refused with.
 */
public record WriteResult(List<OpenFlowError> errors) {
  public WriteResult {
    errors = java.util.Collections.unmodifiableList(new ArrayList<>(errors));
  }

  public boolean allOk() {
    return errors.stream().allMatch(e -> e == null);
  }

  public boolean ok(int index) {
    return errors.get(index) == null;
  }

  /** The first refusal, or null when every message was accepted. */
  public OpenFlowError firstError() {
    return errors.stream().filter(e -> e != null).findFirst().orElse(null);
  }
}
