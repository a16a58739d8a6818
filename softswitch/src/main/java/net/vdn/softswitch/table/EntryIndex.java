package net.vdn.softswitch.table;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import net.vdn.softswitch.runtime.ByteKey;
import net.vdn.softswitch.runtime.Scratch;

/**
 * The entries of one table and the structure that finds the entry a packed key matches: a hash map
 * for exact keys, one hash map per prefix length (longest first) for LPM keys, and an array sorted
 * by descending priority (then insertion) for ternary, range and optional keys.
 */
final class EntryIndex {
  private final KeyField[] keys;
  private final boolean priorityMatch;
  private final int lpmField;
  private final int keyBytes;
  private final Map<ByteKey, Entry> byIdentity = new LinkedHashMap<>();
  private final TreeMap<Integer, HashMap<ByteKey, Entry>> byPrefix = new TreeMap<>();
  private int[] prefixes = new int[0];
  private Entry[] ordered = new Entry[0];

  EntryIndex(KeyField[] keys, boolean priorityMatch, int lpmField, int keyBytes) {
    this.keys = keys;
    this.priorityMatch = priorityMatch;
    this.lpmField = lpmField;
    this.keyBytes = keyBytes;
  }

  int size() {
    return byIdentity.size();
  }

  boolean isEmpty() {
    return byIdentity.isEmpty();
  }

  Collection<Entry> entries() {
    return byIdentity.values();
  }

  Entry get(ByteKey identity) {
    return byIdentity.get(identity);
  }

  void add(ByteKey identity, Entry e) {
    byIdentity.put(identity, e);
    index(e, true);
  }

  /** Replaces an entry with one of the same identity, keeping its place in reads. */
  void replace(ByteKey identity, Entry old, Entry e) {
    byIdentity.put(identity, e);
    index(old, false);
    index(e, true);
  }

  void remove(ByteKey identity, Entry e) {
    byIdentity.remove(identity);
    index(e, false);
  }

  void clear() {
    byIdentity.clear();
    byPrefix.clear();
    prefixes = new int[0];
    ordered = new Entry[0];
  }

  /**
   * The entry a packed key selects, or null on a miss. Does not allocate: the probe is the
   * worker's.
   */
  Entry lookup(byte[] key, Scratch scratch) {
    if (priorityMatch) {
      for (Entry e : ordered) {
        if (e.matches(key, keys)) {
          return e;
        }
      }
      return null;
    }
    ByteKey probe = scratch.probe();
    if (lpmField < 0) {
      probe.set(key);
      return byIdentity.get(probe);
    }
    KeyField f = keys[lpmField];
    int end = (f.offset() + f.bytes()) * 8;
    byte[] probeBytes = scratch.probeBytes(keyBytes);
    for (int prefix : prefixes) {
      System.arraycopy(key, 0, probeBytes, 0, key.length);
      for (int bit = f.offset() * 8 + f.bytes() * 8 - f.width() + prefix; bit < end; bit++) {
        probeBytes[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
      }
      probe.set(probeBytes);
      Entry e = byPrefix.get(prefix).get(probe);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private void index(Entry e, boolean add) {
    if (priorityMatch) {
      ordered = add ? insertSorted(ordered, e) : without(ordered, e);
    } else if (lpmField >= 0) {
      if (add) {
        byPrefix.computeIfAbsent(e.prefix, k -> new HashMap<>()).put(new ByteKey(e.value), e);
      } else {
        HashMap<ByteKey, Entry> m = byPrefix.get(e.prefix);
        m.remove(new ByteKey(e.value), e);
        if (m.isEmpty()) {
          byPrefix.remove(e.prefix);
        }
      }
      prefixes = byPrefix.descendingKeySet().stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** Inserts keeping descending priority, and insertion order among equal priorities. */
  private static Entry[] insertSorted(Entry[] a, Entry e) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      Entry m = a[mid];
      boolean before = m.priority > e.priority || (m.priority == e.priority && m.seq < e.seq);
      if (before) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    Entry[] out = Arrays.copyOf(a, a.length + 1);
    System.arraycopy(a, lo, out, lo + 1, a.length - lo);
    out[lo] = e;
    return out;
  }

  private static Entry[] without(Entry[] a, Entry e) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == e) {
        Entry[] out = new Entry[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
      }
    }
    return a;
  }
}
