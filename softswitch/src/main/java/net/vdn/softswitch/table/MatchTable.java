package net.vdn.softswitch.table;

import java.util.List;
import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.expr.LValue;
import net.vdn.softswitch.extern.CounterData;
import net.vdn.softswitch.extern.MeterConfig;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.runtime.Phv;

/**
 * A match-action table. Exact tables look up a hash map of packed keys; LPM tables one hash map per
 * prefix length, longest first; ternary, range and optional tables scan entries by descending
 * priority. Look-ups do not allocate.
 *
 * <p>The table's parts each do one thing: its key's layout ({@link KeyLayout}), its entries and the
 * index that finds them ({@link TableEntries}, {@link EntryIndex}), its default action ({@link
 * DefaultAction}), the counter and meter attached to its entries ({@link DirectResources}) and
 * their ageing ({@link IdleTimeouts}).
 *
 * <p>Workers look entries up and run actions concurrently (their scratch buffers are their own;
 * direct counters and meters are thread-safe); the control plane changes a table only while no
 * packet is being processed, under {@link net.vdn.softswitch.Switch#lock()}.
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

  /** The time source of direct meters. */
  public interface Clock {
    long nanos();
  }

  private final String name;
  private final int id;
  private final int maxSize;
  private final KeyLayout keys;
  private final TableActions actions;
  private final DirectResources direct;
  private final IdleTimeouts ageing;
  private final TableEntries entries;
  private final DefaultAction defaultAction;

  public MatchTable(
      String name,
      int id,
      List<KeyField> keys,
      int maxSize,
      List<ActionFn> actions,
      Attachments attachments,
      FieldInfo packetLength,
      Clock clock) {
    String label = "table '" + name + "'";
    this.name = name;
    this.id = id;
    this.maxSize = maxSize;
    this.keys = new KeyLayout(keys);
    this.actions = new TableActions(actions, attachments.profile());
    this.direct =
        new DirectResources(
            label, attachments.directCounter(), attachments.directMeter(), packetLength, clock);
    this.ageing = new IdleTimeouts(name, attachments.supportsTimeout(), clock);
    this.entries = new TableEntries(label, this.keys, this.actions, direct, maxSize);
    this.defaultAction = new DefaultAction(label, this.actions);
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  public List<KeyField> keyFields() {
    return List.of(keys.fields());
  }

  public int maxSize() {
    return maxSize;
  }

  public List<ActionFn> actions() {
    return actions.all();
  }

  /** The action profile of an indirect table, or null. */
  public ActionProfile profile() {
    return actions.profile();
  }

  public boolean hasDirectCounter() {
    return direct.hasCounter();
  }

  public boolean hasDirectMeter() {
    return direct.hasMeter();
  }

  /**
   * Whether the program declared {@code support_timeout}. Entries never age on this target yet: a
   * control plane must refuse idle timeouts rather than rely on them.
   */
  public boolean supportsTimeout() {
    return ageing.supported();
  }

  /** The table's action with this JSON id, or null when the table does not have it. */
  public ActionFn action(int actionId) {
    return actions.byId(actionId);
  }

  /** The table's action with this name, or null. */
  public ActionFn action(String actionName) {
    return actions.byName(actionName);
  }

  // ---- data plane ----

  /**
   * Looks the packet up and runs the chosen action. Returns {@code index << 1 | hit} where index is
   * the position in {@link #actions()} of the action run, or -1 when there was none.
   */
  public int apply(Phv p) {
    Entry e = entries.lookup(p);
    if (e == null) {
      return defaultAction.run(p);
    }
    ActionFn fn = e.action;
    long[] data = e.data;
    if (fn == null) {
      ActionProfile profile = actions.profile();
      ActionProfile.Member m =
          e.member >= 0 ? profile.member(e.member) : profile.select(e.group, p);
      if (m == null) {
        return defaultAction.run(p);
      }
      fn = m.fn();
      data = m.data();
    }
    ageing.hit(e);
    direct.hit(e, p);
    fn.run(p, data);
    return (actions.indexOf(fn) << 1) | 1;
  }

  // ---- control plane: entries ----

  public void insert(TableEntry spec) {
    entries.insert(spec);
  }

  /** Adds an entry of the program's {@code entries} (the table becomes immutable). */
  public void insertConst(TableEntry spec) {
    entries.insertConst(spec);
  }

  public void modify(TableEntry spec) {
    entries.modify(spec);
  }

  public void delete(List<KeyMatch> match, int priority) {
    entries.delete(match, priority);
  }

  /** All entries, in insertion order (stable across reads). */
  public List<TableEntry> read() {
    return entries.read();
  }

  /** The entry with this match and priority. */
  public TableEntry get(List<KeyMatch> match, int priority) {
    return entries.find(match, priority).spec;
  }

  public int size() {
    return entries.size();
  }

  public void clear() {
    entries.clear();
  }

  // ---- control plane: ageing ----

  /** Sets an entry's idle timeout (0: never ages) and starts its clock now. */
  public void idleTimeout(List<KeyMatch> match, int priority, long timeoutNanos) {
    ageing.check(timeoutNanos);
    ageing.set(entries.find(match, priority), timeoutNanos);
  }

  /** An entry's idle timeout in nanoseconds, 0 when it never ages. */
  public long idleTimeout(List<KeyMatch> match, int priority) {
    return entries.find(match, priority).timeoutNanos;
  }

  /** Nanoseconds since the entry was last hit (or given its timeout). */
  public long sinceLastHit(List<KeyMatch> match, int priority) {
    return ageing.sinceLastHit(entries.find(match, priority));
  }

  /**
   * Entries idle for longer than their timeout that were not reported since they were last hit;
   * each is reported once until it is hit again or its timeout is set again.
   */
  public List<TableEntry> newlyIdle() {
    return ageing.newlyIdle(entries.all());
  }

  // ---- control plane: direct counter and meter ----

  public CounterData directCounter(List<KeyMatch> match, int priority) {
    direct.requireCounter();
    return direct.counter(entries.find(match, priority));
  }

  public void directCounter(List<KeyMatch> match, int priority, CounterData value) {
    direct.requireCounter();
    direct.setCounter(entries.find(match, priority), value);
  }

  public MeterConfig directMeter(List<KeyMatch> match, int priority) {
    direct.requireMeter();
    return direct.meterConfig(entries.find(match, priority));
  }

  public void directMeter(List<KeyMatch> match, int priority, MeterConfig config) {
    direct.requireMeter();
    direct.configureMeter(entries.find(match, priority), config);
  }

  // ---- control plane: default action ----

  /** The default action call. */
  public EntryAction.Call defaultAction() {
    return defaultAction.call();
  }

  public boolean defaultActionConst() {
    return defaultAction.isConst();
  }

  public void setDefaultAction(EntryAction.Call call) {
    defaultAction.set(call);
  }

  /** Sets the default action from the program; {@code isConst} forbids later changes. */
  public void initDefault(EntryAction.Call call, boolean isConst) {
    defaultAction.program(call, isConst);
  }

  /** Sets the default action back to the program's (refused when the program made it const). */
  public void resetDefaultAction() {
    defaultAction.reset();
  }

  @Override
  public String toString() {
    return "table '" + name + "'";
  }
}
