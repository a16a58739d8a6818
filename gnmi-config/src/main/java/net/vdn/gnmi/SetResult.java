package net.vdn.gnmi;

import java.util.List;

/**
 * The target's account of a transaction it applied.
 *
 * @param timestampNanos when it was applied, in nanoseconds since the Unix epoch
 * @param results one per operation, in the order the target reported them
 */
public record SetResult(long timestampNanos, List<Operation> results) {
  public SetResult {
    results = List.copyOf(results);
  }

  /** What one operation of a transaction did. */
  public enum Op {
    /** The target did not say (or sent an operation this client does not know). */
    INVALID,
    DELETE,
    REPLACE,
    UPDATE,
    UNION_REPLACE
  }

  /** One operation and the path it applied to. */
  public record Operation(Op op, GnmiPath path) {}
}
