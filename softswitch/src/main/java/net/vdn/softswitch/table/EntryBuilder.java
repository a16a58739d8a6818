package net.vdn.softswitch.table;

import java.nio.ByteBuffer;
import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.table.EntryException.Kind;

/**
 * Checks a control-plane entry against a table's key and turns it into value/mask form; resolves
 * its action. {@code t} in messages names the table ("table 'x'").
 */
final class EntryBuilder {
  private EntryBuilder() {}

  /**
   * The entry in executable form. Priorities must be positive where entries are chosen by priority,
   * unless {@code anyPriority} (the program's const entries).
   */
  static Entry build(KeyLayout layout, String t, TableEntry spec, long seq, boolean anyPriority) {
    KeyField[] keys = layout.fields();
    if (spec.match().size() != keys.length) {
      throw new EntryException(
          Kind.INVALID,
          t + " has " + keys.length + " key fields, entry gives " + spec.match().size());
    }
    int n = layout.bytes();
    byte[] value = new byte[n];
    byte[] mask = new byte[n];
    byte[][] low = null;
    byte[][] high = null;
    int prefix = -1;
    for (int i = 0; i < keys.length; i++) {
      KeyField k = keys[i];
      KeyMatch m = spec.match().get(i);
      byte[] v;
      byte[] fm;
      switch (k.kind()) {
        case EXACT, VALID -> {
          if (!(m instanceof KeyMatch.Exact e)) {
            throw kindMismatch(t, k, m);
          }
          v = k.normalize(e.value(), "value");
          fm = k.fullMask();
        }
        case LPM -> {
          if (m == null) {
            v = new byte[k.bytes()];
            fm = new byte[k.bytes()];
            prefix = 0;
          } else if (m instanceof KeyMatch.Lpm l) {
            v = k.normalize(l.value(), "value");
            fm = k.prefixMask(l.prefixLength());
            prefix = l.prefixLength();
            checkNoBitsOutsideMask(t, k, v, fm);
          } else {
            throw kindMismatch(t, k, m);
          }
        }
        case TERNARY -> {
          if (m == null) {
            v = new byte[k.bytes()];
            fm = new byte[k.bytes()];
          } else if (m instanceof KeyMatch.Ternary tm) {
            v = k.normalize(tm.value(), "value");
            fm = k.normalize(tm.mask(), "mask");
            checkNoBitsOutsideMask(t, k, v, fm);
          } else if (m instanceof KeyMatch.Optional o) {
            // p4c emits P4 'optional' keys as 'ternary' in the BMv2 JSON.
            v = k.normalize(o.value(), "value");
            fm = k.fullMask();
          } else {
            throw kindMismatch(t, k, m);
          }
        }
        case OPTIONAL -> {
          if (m == null) {
            v = new byte[k.bytes()];
            fm = new byte[k.bytes()];
          } else if (m instanceof KeyMatch.Optional o) {
            v = k.normalize(o.value(), "value");
            fm = k.fullMask();
          } else {
            throw kindMismatch(t, k, m);
          }
        }
        case RANGE -> {
          v = new byte[k.bytes()];
          fm = new byte[k.bytes()];
          if (low == null) {
            low = new byte[keys.length][];
            high = new byte[keys.length][];
          }
          if (m == null) {
            low[i] = new byte[k.bytes()];
            high[i] = k.fullMask();
          } else if (m instanceof KeyMatch.Range r) {
            low[i] = k.normalize(r.low(), "range low");
            high[i] = k.normalize(r.high(), "range high");
            if (compareUnsigned(low[i], high[i]) > 0) {
              throw new EntryException(
                  Kind.INVALID, t + ": range low above high for '" + k.name() + "'");
            }
          } else {
            throw kindMismatch(t, k, m);
          }
        }
        default -> throw new IllegalStateException(k.kind().name());
      }
      System.arraycopy(v, 0, value, k.offset(), k.bytes());
      System.arraycopy(fm, 0, mask, k.offset(), k.bytes());
    }
    int priority = layout.usesPriority() ? spec.priority() : 0;
    if (layout.usesPriority() && priority <= 0 && !anyPriority) {
      throw new EntryException(Kind.INVALID, t + " needs a positive priority, got " + priority);
    }
    return new Entry(spec, value, mask, low, high, prefix, priority, seq);
  }

  /** Resolves and checks an entry's action (call, member or group) and takes its references. */
  static void bind(TableActions actions, String t, Entry e, EntryAction action) {
    ActionProfile profile = actions.profile();
    switch (action) {
      case EntryAction.Call c -> {
        if (profile != null) {
          throw new EntryException(
              Kind.INVALID, t + " is indirect: entries name a member or group");
        }
        ActionFn fn = actions.byId(c.actionId());
        if (fn == null) {
          throw new EntryException(
              Kind.INVALID, t + ": action id " + c.actionId() + " not allowed");
        }
        e.action = fn;
        e.data = ActionData.encode(fn, c.params());
      }
      case EntryAction.Member m -> {
        if (profile == null || profile.member(m.memberId()) == null) {
          throw new EntryException(Kind.NOT_FOUND, t + ": no member " + m.memberId());
        }
        e.member = m.memberId();
        profile.reference(m, 1);
      }
      case EntryAction.Group g -> {
        if (profile == null || !profile.hasGroup(g.groupId())) {
          throw new EntryException(Kind.NOT_FOUND, t + ": no group " + g.groupId());
        }
        e.group = g.groupId();
        profile.reference(g, 1);
      }
      case null -> throw new EntryException(Kind.INVALID, t + ": entry without action");
    }
  }

  /**
   * The bytes that identify an entry for duplicate detection, modify and delete: value, mask, range
   * bounds, priority (the value alone in an exact table).
   */
  static byte[] identity(KeyLayout layout, Entry e) {
    if (!layout.usesPriority() && layout.lpmField() < 0) {
      return e.value;
    }
    int n = e.value.length;
    ByteBuffer b = ByteBuffer.allocate(2 * n + 2 * n + 4);
    b.put(e.value).put(e.mask);
    if (e.low != null) {
      for (int i = 0; i < e.low.length; i++) {
        if (e.low[i] != null) {
          b.put(e.low[i]).put(e.high[i]);
        }
      }
    }
    b.putInt(e.priority);
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  private static int compareUnsigned(byte[] a, byte[] b) {
    for (int i = 0; i < a.length; i++) {
      int c = (a[i] & 0xff) - (b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static void checkNoBitsOutsideMask(String t, KeyField k, byte[] v, byte[] m) {
    for (int i = 0; i < v.length; i++) {
      if ((v[i] & ~m[i]) != 0) {
        throw new EntryException(
            Kind.INVALID, t + ": value of key '" + k.name() + "' has bits outside its mask");
      }
    }
  }

  private static EntryException kindMismatch(String t, KeyField k, KeyMatch m) {
    return new EntryException(
        Kind.INVALID,
        t
            + ": key '"
            + k.name()
            + "' is "
            + k.kind().name().toLowerCase(java.util.Locale.ROOT)
            + ", entry gives "
            + (m == null ? "no value" : m.getClass().getSimpleName()));
  }
}
