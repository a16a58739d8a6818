package net.vdn.gnmi;

import java.util.List;
import java.util.Objects;

/**
 * Values (and deletions) a target reported at one time, decoded.
 *
 * @param timestampNanos when the values were read, in nanoseconds since the Unix epoch
 * @param prefix the prefix the target sent; already joined into every path below
 * @param updates the values, each with its full path
 * @param deletes the deleted paths, each a full path
 * @param atomic whether the notification must be applied whole
 */
public record Notification(
    long timestampNanos,
    GnmiPath prefix,
    List<Update> updates,
    List<GnmiPath> deletes,
    boolean atomic) {

  public Notification {
    Objects.requireNonNull(prefix, "prefix");
    updates = List.copyOf(updates);
    deletes = List.copyOf(deletes);
  }

  /**
   * One value at one path.
   *
   * @param path the full path (prefix joined)
   * @param duplicates how many changes the target folded into this one
   */
  public record Update(GnmiPath path, GnmiValue value, int duplicates) {
    public Update {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(value, "value");
    }
  }
}
