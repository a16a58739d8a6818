package net.vdn.softswitch.table;

import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.extern.Meter;

/** A table entry in its executable form. */
final class Entry {
  final TableEntry spec;
  final byte[] value;
  final byte[] mask;

  /** Per key field: range bounds, or null. */
  final byte[][] low;

  final byte[][] high;
  final int prefix;
  final int priority;
  final long seq;
  ActionFn action;
  long[] data;
  int member = -1;
  int group = -1;
  long packets;
  long bytes;
  Meter meter;

  /** Idle timeout in nanoseconds (0: never ages), last hit time, and whether it was reported. */
  long timeoutNanos;

  long lastHit;
  boolean idleReported;

  Entry(
      TableEntry spec,
      byte[] value,
      byte[] mask,
      byte[][] low,
      byte[][] high,
      int prefix,
      int priority,
      long seq) {
    this.spec = spec;
    this.value = value;
    this.mask = mask;
    this.low = low;
    this.high = high;
    this.prefix = prefix;
    this.priority = priority;
    this.seq = seq;
  }

  /** Whether a packed key matches this entry's value, mask and ranges. */
  boolean matches(byte[] key, KeyField[] fields) {
    for (int i = 0; i < key.length; i++) {
      if ((key[i] & mask[i]) != value[i]) {
        return false;
      }
    }
    if (low != null) {
      for (int f = 0; f < fields.length; f++) {
        if (low[f] != null && !inRange(key, fields[f], low[f], high[f])) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean inRange(byte[] key, KeyField f, byte[] lo, byte[] hi) {
    return compare(key, f.offset(), lo) >= 0 && compare(key, f.offset(), hi) <= 0;
  }

  private static int compare(byte[] key, int offset, byte[] bound) {
    for (int i = 0; i < bound.length; i++) {
      int c = (key[offset + i] & 0xff) - (bound[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
