package net.vdn.p4runtime;

import net.vdn.p4runtime.entity.CloneSession;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.DirectCounterEntry;
import net.vdn.p4runtime.entity.DirectMeterEntry;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.RegisterEntry;
import net.vdn.p4runtime.entity.TableEntry;

/** What to read: one entity, or wildcards over tables, cells, members or PRE entries. */
public sealed interface ReadQuery {
  /** Exactly this entity's key. */
  record Key(Entity key) implements ReadQuery {}

  /** Every entry of every table. */
  record AllTables() implements ReadQuery {}

  /**
   * Every entry of one table.
   *
   * @param withCounters also fill each entry's direct counter data
   * @param withMeters also fill each entry's direct meter config
   */
  record Table(String table, boolean withCounters, boolean withMeters) implements ReadQuery {}

  /** Every member of an action profile. */
  record Members(String profile) implements ReadQuery {}

  /** Every group of an action selector. */
  record Groups(String profile) implements ReadQuery {}

  /** Every multicast group. */
  record MulticastGroups() implements ReadQuery {}

  /** Every clone session. */
  record CloneSessions() implements ReadQuery {}

  static ReadQuery key(Entity key) {
    return new Key(key);
  }

  static ReadQuery allTables() {
    return new AllTables();
  }

  static ReadQuery table(String table) {
    return new Table(table, false, false);
  }

  static ReadQuery tableWithCounters(String table) {
    return new Table(table, true, false);
  }

  /** Every cell of an indirect counter. */
  static ReadQuery counter(String counter) {
    return new Key(new CounterEntry(counter, -1, null));
  }

  /** Every cell of an indirect meter. */
  static ReadQuery meter(String meter) {
    return new Key(new MeterEntry(meter, -1, null));
  }

  /** Every cell of a register. */
  static ReadQuery register(String register) {
    return new Key(new RegisterEntry(register, -1, null));
  }

  static ReadQuery directCounter(TableEntry entry) {
    return new Key(new DirectCounterEntry(entry, null));
  }

  static ReadQuery directMeter(TableEntry entry) {
    return new Key(new DirectMeterEntry(entry, null));
  }

  static ReadQuery multicastGroup(int id) {
    return new Key(new MulticastGroup(id, java.util.List.of()));
  }

  static ReadQuery cloneSession(int id) {
    return new Key(new CloneSession(id, java.util.List.of(), 0, 0));
  }
}
