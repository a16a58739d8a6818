package net.vdn.softswitch.table;

import java.util.ArrayList;
import java.util.List;
import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.expr.LValue;
import net.vdn.softswitch.extern.CounterData;
import net.vdn.softswitch.extern.Meter;
import net.vdn.softswitch.extern.MeterConfig;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.runtime.Phv;
import net.vdn.softswitch.table.EntryException.Kind;

/**
 * A match-action table. Exact tables look up a hash map of packed keys; LPM tables one hash map per
 * prefix length, longest first; ternary, range and optional tables scan entries by descending
 * priority. Look-ups do not allocate.
 *
 * <p>Not thread-safe: use it under {@link net.vdn.softswitch.Switch#lock()}.
 */
public final class MatchTable {
  /** Where a direct meter writes the color of a packet that hits an entry. */
  public record DirectMeter(String name, boolean bytes, LValue target) {}

  /**
   * What is attached to a table: its action profile (indirect tables), direct counter and direct
   * meter (each null when absent), and whether the program asked for entry ageing.
   */
  public record Attachments(
      ActionProfile profile,
      String directCounter,
      DirectMeter directMeter,
      boolean supportsTimeout) {
    public static final Attachments NONE = new Attachments(null, null, null, false);
  }

  private final String name;
  private final int id;
  private final KeyField[] keys;
  private final int keyBytes;
  private final int maxSize;
  private final ActionFn[] actions;
  private final ActionProfile profile;
  private final String directCounter;
  private final DirectMeter directMeter;
  private final boolean supportsTimeout;
  private final FieldInfo packetLength;
  private final boolean priorityMatch;
  private final int lpmField;
  private final byte[] key;
  private final EntryIndex entries;
  private ActionFn defaultAction;
  private long[] defaultData = new long[0];
  private EntryAction.Call defaultSpec;
  private boolean defaultConst;
  private boolean constEntries;
  private long seq;
  private final Clock clock;

  /** The time source of direct meters. */
  public interface Clock {
    long nanos();
  }

  public MatchTable(
      String name,
      int id,
      List<KeyField> keys,
      int maxSize,
      List<ActionFn> actions,
      Attachments attachments,
      FieldInfo packetLength,
      Clock clock) {
    this.name = name;
    this.id = id;
    this.keys = keys.toArray(new KeyField[0]);
    this.maxSize = maxSize;
    this.actions = actions.toArray(new ActionFn[0]);
    this.profile = attachments.profile();
    this.directCounter = attachments.directCounter();
    this.directMeter = attachments.directMeter();
    this.supportsTimeout = attachments.supportsTimeout();
    this.packetLength = packetLength;
    this.clock = clock;
    int bytes = 0;
    boolean prio = false;
    int lpm = -1;
    for (int i = 0; i < this.keys.length; i++) {
      bytes += this.keys[i].bytes();
      MatchKind k = this.keys[i].kind();
      prio |= k == MatchKind.TERNARY || k == MatchKind.RANGE || k == MatchKind.OPTIONAL;
      if (k == MatchKind.LPM) {
        prio |= lpm >= 0;
        lpm = i;
      }
    }
    this.keyBytes = bytes;
    this.priorityMatch = prio;
    this.lpmField = prio ? -1 : lpm;
    this.key = new byte[bytes];
    this.entries = new EntryIndex(this.keys, prio, this.lpmField, bytes);
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  public List<KeyField> keyFields() {
    return List.of(keys);
  }

  public int maxSize() {
    return maxSize;
  }

  public List<ActionFn> actions() {
    return List.of(actions);
  }

  /** The action profile of an indirect table, or null. */
  public ActionProfile profile() {
    return profile;
  }

  public boolean hasDirectCounter() {
    return directCounter != null;
  }

  public boolean hasDirectMeter() {
    return directMeter != null;
  }

  /**
   * Whether the program declared {@code support_timeout}. Entries never age on this target yet: a
   * control plane must refuse idle timeouts rather than rely on them.
   */
  public boolean supportsTimeout() {
    return supportsTimeout;
  }

  /** The table's action with this JSON id, or null when the table does not have it. */
  public ActionFn action(int actionId) {
    for (ActionFn a : actions) {
      if (a.id() == actionId) {
        return a;
      }
    }
    return null;
  }

  /** The table's action with this name, or null. */
  public ActionFn action(String actionName) {
    for (ActionFn a : actions) {
      if (a.name().equals(actionName)) {
        return a;
      }
    }
    return null;
  }

  KeyField[] keys() {
    return keys;
  }

  int keyBytes() {
    return keyBytes;
  }

  boolean usesPriority() {
    return priorityMatch;
  }

  boolean allowsAnyPriority() {
    return constEntries;
  }

  int lpmField() {
    return lpmField;
  }

  // ---- data plane ----

  /**
   * Looks the packet up and runs the chosen action. Returns {@code index << 1 | hit} where index is
   * the position in {@link #actions()} of the action run, or -1 when there was none.
   */
  public int apply(Phv p) {
    Entry e = keys.length == 0 || entries.isEmpty() ? null : lookup(p);
    if (e != null) {
      ActionFn fn = e.action;
      long[] data = e.data;
      if (fn == null) {
        ActionProfile.Member m =
            e.member >= 0 ? profile.member(e.member) : profile.select(e.group, p);
        if (m == null) {
          return runDefault(p);
        }
        fn = m.fn();
        data = m.data();
      }
      if (e.timeoutNanos > 0) {
        e.lastHit = clock.nanos();
        e.idleReported = false;
      }
      if (directCounter != null) {
        e.packets++;
        e.bytes += packetLength == null ? p.length : p.f[packetLength.slot()];
      }
      if (directMeter != null) {
        long units =
            directMeter.bytes() ? (packetLength == null ? p.length : p.f[packetLength.slot()]) : 1;
        directMeter.target().set(p, e.meter.execute(clock.nanos(), units));
      }
      fn.run(p, data);
      return (indexOf(fn) << 1) | 1;
    }
    return runDefault(p);
  }

  private int runDefault(Phv p) {
    if (defaultAction == null) {
      return -1 << 1;
    }
    defaultAction.run(p, defaultData);
    return indexOf(defaultAction) << 1;
  }

  private int indexOf(ActionFn fn) {
    for (int i = 0; i < actions.length; i++) {
      if (actions[i] == fn) {
        return i;
      }
    }
    return -1;
  }

  private Entry lookup(Phv p) {
    for (KeyField k : keys) {
      k.extract(p, key);
    }
    return entries.lookup(key);
  }

  // ---- control plane ----

  public void insert(TableEntry spec) {
    if (constEntries) {
      throw new EntryException(Kind.CONST, this + " has const entries");
    }
    add(spec);
  }

  /** Adds an entry of the program's {@code entries} (the table becomes immutable). */
  public void insertConst(TableEntry spec) {
    constEntries = true;
    add(spec);
  }

  private void add(TableEntry spec) {
    if (keys.length == 0) {
      throw new EntryException(Kind.INVALID, this + " has no key: only its default action is set");
    }
    Entry e = EntryBuilder.build(this, spec, seq++);
    ByteKey id = new ByteKey(EntryBuilder.identity(this, e));
    if (entries.get(id) != null) {
      throw new EntryException(Kind.DUPLICATE, this + ": entry already exists");
    }
    if (entries.size() >= maxSize) {
      throw new TableFullException(this + " is full (" + maxSize + " entries)");
    }
    EntryBuilder.bind(this, e, spec.action());
    if (directMeter != null) {
      e.meter = new Meter();
    }
    entries.add(id, e);
  }

  public void modify(TableEntry spec) {
    Entry old = find(spec);
    if (constEntries) {
      throw new EntryException(Kind.CONST, this + " has const entries");
    }
    Entry e = EntryBuilder.build(this, spec, old.seq);
    EntryBuilder.bind(this, e, spec.action());
    e.packets = old.packets;
    e.bytes = old.bytes;
    e.meter = old.meter;
    unbind(old);
    entries.replace(new ByteKey(EntryBuilder.identity(this, e)), old, e);
  }

  public void delete(List<KeyMatch> match, int priority) {
    Entry old = find(new TableEntry(match, priority, null));
    if (constEntries) {
      throw new EntryException(Kind.CONST, this + " has const entries");
    }
    entries.remove(new ByteKey(EntryBuilder.identity(this, old)), old);
    unbind(old);
  }

  /** All entries, in insertion order (stable across reads). */
  /** Sets an entry's idle timeout (0: never ages) and starts its clock now. */
  public void idleTimeout(List<KeyMatch> match, int priority, long timeoutNanos) {
    if (timeoutNanos != 0 && !supportsTimeout) {
      throw new EntryException(
          EntryException.Kind.INVALID, "table '" + name + "' does not support idle timeouts");
    }
    Entry e = find(new TableEntry(match, priority, null));
    e.timeoutNanos = timeoutNanos;
    e.lastHit = clock.nanos();
    e.idleReported = false;
  }

  /** An entry's idle timeout in nanoseconds, 0 when it never ages. */
  public long idleTimeout(List<KeyMatch> match, int priority) {
    return find(new TableEntry(match, priority, null)).timeoutNanos;
  }

  /** Nanoseconds since the entry was last hit (or given its timeout). */
  public long sinceLastHit(List<KeyMatch> match, int priority) {
    return clock.nanos() - find(new TableEntry(match, priority, null)).lastHit;
  }

  /**
   * Entries idle for longer than their timeout that were not reported since they were last hit;
   * each is reported once until it is hit again or its timeout is set again.
   */
  public List<TableEntry> newlyIdle() {
    if (!supportsTimeout) {
      return List.of();
    }
    long now = clock.nanos();
    List<TableEntry> out = new ArrayList<>();
    for (Entry e : entries.entries()) {
      if (e.timeoutNanos > 0 && !e.idleReported && now - e.lastHit >= e.timeoutNanos) {
        e.idleReported = true;
        out.add(e.spec);
      }
    }
    return out;
  }

  public List<TableEntry> read() {
    List<TableEntry> out = new ArrayList<>(entries.size());
    for (Entry e : entries.entries()) {
      out.add(e.spec);
    }
    return out;
  }

  /** The entry with this match and priority. */
  public TableEntry get(List<KeyMatch> match, int priority) {
    return find(new TableEntry(match, priority, null)).spec;
  }

  public int size() {
    return entries.size();
  }

  public void clear() {
    if (constEntries) {
      throw new EntryException(Kind.CONST, this + " has const entries");
    }
    for (Entry e : entries.entries()) {
      unbind(e);
    }
    entries.clear();
  }

  public CounterData directCounter(List<KeyMatch> match, int priority) {
    requireCounter();
    Entry e = find(new TableEntry(match, priority, null));
    return new CounterData(e.packets, e.bytes);
  }

  public void directCounter(List<KeyMatch> match, int priority, CounterData value) {
    requireCounter();
    Entry e = find(new TableEntry(match, priority, null));
    e.packets = value.packets();
    e.bytes = value.bytes();
  }

  public MeterConfig directMeter(List<KeyMatch> match, int priority) {
    requireMeter();
    return find(new TableEntry(match, priority, null)).meter.config();
  }

  public void directMeter(List<KeyMatch> match, int priority, MeterConfig config) {
    requireMeter();
    find(new TableEntry(match, priority, null)).meter.configure(config);
  }

  /** The default action call. */
  public EntryAction.Call defaultAction() {
    return defaultSpec;
  }

  public boolean defaultActionConst() {
    return defaultConst;
  }

  public void setDefaultAction(EntryAction.Call call) {
    if (defaultConst) {
      throw new EntryException(Kind.CONST, this + ": the default action is const");
    }
    initDefault(call, false);
  }

  /** Sets the default action from the program; {@code isConst} forbids later changes. */
  public void initDefault(EntryAction.Call call, boolean isConst) {
    ActionFn fn = action(call.actionId());
    if (fn == null) {
      throw new EntryException(
          Kind.INVALID, this + ": action id " + call.actionId() + " not allowed");
    }
    long[] data = ActionData.encode(fn, call.params());
    defaultAction = fn;
    defaultData = data;
    defaultSpec = call;
    defaultConst = isConst;
  }

  private void unbind(Entry e) {
    if (profile != null && e.spec.action() != null) {
      profile.reference(e.spec.action(), -1);
    }
  }

  private Entry find(TableEntry spec) {
    if (keys.length == 0) {
      throw new EntryException(Kind.NOT_FOUND, this + " has no entries");
    }
    Entry probeEntry = EntryBuilder.build(this, spec, 0);
    Entry e = entries.get(new ByteKey(EntryBuilder.identity(this, probeEntry)));
    if (e == null) {
      throw new EntryException(Kind.NOT_FOUND, this + ": no such entry");
    }
    return e;
  }

  private void requireCounter() {
    if (directCounter == null) {
      throw new EntryException(Kind.INVALID, this + " has no direct counter");
    }
  }

  private void requireMeter() {
    if (directMeter == null) {
      throw new EntryException(Kind.INVALID, this + " has no direct meter");
    }
  }

  @Override
  public String toString() {
    return "table '" + name + "'";
  }
}
