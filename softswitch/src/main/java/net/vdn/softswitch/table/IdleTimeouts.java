package net.vdn.softswitch.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Entry ageing: each entry's idle timeout, when it was last hit, and which idle entries were
 * reported. Only tables the program declared with {@code support_timeout} take timeouts.
 */
final class IdleTimeouts {
  private final String tableName;
  private final boolean supported;
  private final MatchTable.Clock clock;

  IdleTimeouts(String tableName, boolean supported, MatchTable.Clock clock) {
    this.tableName = tableName;
    this.supported = supported;
    this.clock = clock;
  }

  boolean supported() {
    return supported;
  }

  /** Refuses a timeout (other than 0, never) on a table that does not support them. */
  void check(long timeoutNanos) {
    if (timeoutNanos != 0 && !supported) {
      throw new EntryException(
          EntryException.Kind.INVALID, "table '" + tableName + "' does not support idle timeouts");
    }
  }

  /** Sets an entry's timeout (0: never ages) and starts its clock now. */
  void set(Entry e, long timeoutNanos) {
    e.timeoutNanos = timeoutNanos;
    e.lastHit = clock.nanos();
    e.idleReported = false;
  }

  /** Restarts the clock of an ageing entry a packet hit. */
  void hit(Entry e) {
    if (e.timeoutNanos > 0) {
      // Workers may race here; the latest time wins closely enough for ageing.
      long now = clock.nanos();
      if (now > e.lastHit) {
        e.lastHit = now;
      }
      e.idleReported = false;
    }
  }

  /** Nanoseconds since the entry was last hit (or given its timeout). */
  long sinceLastHit(Entry e) {
    return clock.nanos() - e.lastHit;
  }

  /**
   * Entries idle for longer than their timeout that were not reported since they were last hit;
   * each is reported once until it is hit again or its timeout is set again.
   */
  List<TableEntry> newlyIdle(Collection<Entry> entries) {
    if (!supported) {
      return List.of();
    }
    long now = clock.nanos();
    List<TableEntry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.timeoutNanos > 0 && !e.idleReported && now - e.lastHit >= e.timeoutNanos) {
        e.idleReported = true;
        out.add(e.spec);
      }
    }
    return out;
  }
}
