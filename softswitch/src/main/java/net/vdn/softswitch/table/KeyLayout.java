package net.vdn.softswitch.table;

import java.util.List;
import net.vdn.softswitch.runtime.Phv;

/**
 * A table's key: its fields packed one after the other into a byte string, and how entries are
 * found by such a key. Tables with a ternary, range or optional field (or two LPM fields) match by
 * priority; a table with one LPM field and otherwise exact fields by longest prefix; the rest
 * exactly.
 */
final class KeyLayout {
  private final KeyField[] fields;
  private final int bytes;
  private final boolean priorityMatch;
  private final int lpmField;

  KeyLayout(List<KeyField> fields) {
    this.fields = fields.toArray(new KeyField[0]);
    int n = 0;
    boolean prio = false;
    int lpm = -1;
    for (int i = 0; i < this.fields.length; i++) {
      n += this.fields[i].bytes();
      MatchKind k = this.fields[i].kind();
      prio |= k == MatchKind.TERNARY || k == MatchKind.RANGE || k == MatchKind.OPTIONAL;
      if (k == MatchKind.LPM) {
        prio |= lpm >= 0;
        lpm = i;
      }
    }
    this.bytes = n;
    this.priorityMatch = prio;
    this.lpmField = prio ? -1 : lpm;
  }

  KeyField[] fields() {
    return fields;
  }

  /** Whether the table has no key (only its default action runs). */
  boolean isEmpty() {
    return fields.length == 0;
  }

  /** The packed key's length in bytes. */
  int bytes() {
    return bytes;
  }

  /** Whether entries are chosen by priority (and so need one). */
  boolean usesPriority() {
    return priorityMatch;
  }

  /** The LPM field of a longest-prefix table, or -1. */
  int lpmField() {
    return lpmField;
  }

  /** The packet's key, in a buffer of the worker's that is reused for every packet. */
  byte[] extract(Phv p) {
    byte[] key = p.scratch.key(bytes);
    for (KeyField k : fields) {
      k.extract(p, key);
    }
    return key;
  }

  /** The structure that finds entries by this layout's keys. */
  EntryIndex newIndex() {
    return new EntryIndex(fields, priorityMatch, lpmField, bytes);
  }
}
