package net.vdn.softswitch.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.vdn.softswitch.runtime.ByteKey;
import net.vdn.softswitch.runtime.Phv;
import net.vdn.softswitch.table.EntryException.Kind;

/**
 * A table's entries as the control plane adds, changes and removes them: checked against the key,
 * refused when they already exist, when the table is full or when its entries are the program's
 * (const), kept in the index that finds the entry a packet hits.
 */
final class TableEntries {
  private final String table;
  private final KeyLayout keys;
  private final TableActions actions;
  private final DirectResources direct;
  private final int maxSize;
  private final EntryIndex index;
  private boolean constEntries;
  private long seq;

  TableEntries(
      String table, KeyLayout keys, TableActions actions, DirectResources direct, int maxSize) {
    this.table = table;
    this.keys = keys;
    this.actions = actions;
    this.direct = direct;
    this.maxSize = maxSize;
    this.index = keys.newIndex();
  }

  /** The entry a packet hits, or null on a miss. Does not allocate. */
  Entry lookup(Phv p) {
    if (keys.isEmpty() || index.isEmpty()) {
      return null;
    }
    return index.lookup(keys.extract(p), p.scratch);
  }

  void insert(TableEntry spec) {
    requireNotConst();
    add(spec);
  }

  /** Adds an entry of the program's {@code entries} (the table becomes immutable). */
  void insertConst(TableEntry spec) {
    constEntries = true;
    add(spec);
  }

  private void add(TableEntry spec) {
    if (keys.isEmpty()) {
      throw new EntryException(Kind.INVALID, table + " has no key: only its default action is set");
    }
    Entry e = EntryBuilder.build(keys, table, spec, seq++, constEntries);
    ByteKey id = new ByteKey(EntryBuilder.identity(keys, e));
    if (index.get(id) != null) {
      throw new EntryException(Kind.DUPLICATE, table + ": entry already exists");
    }
    if (index.size() >= maxSize) {
      throw new TableFullException(table + " is full (" + maxSize + " entries)");
    }
    EntryBuilder.bind(actions, table, e, spec.action());
    direct.attach(e);
    index.add(id, e);
  }

  /** Replaces an entry's action, keeping its place, counters and meter. */
  void modify(TableEntry spec) {
    Entry old = find(spec);
    requireNotConst();
    Entry e = EntryBuilder.build(keys, table, spec, old.seq, constEntries);
    EntryBuilder.bind(actions, table, e, spec.action());
    direct.carryOver(old, e);
    actions.release(old);
    index.replace(new ByteKey(EntryBuilder.identity(keys, e)), old, e);
  }

  void delete(List<KeyMatch> match, int priority) {
    Entry old = find(match, priority);
    requireNotConst();
    index.remove(new ByteKey(EntryBuilder.identity(keys, old)), old);
    actions.release(old);
  }

  void clear() {
    requireNotConst();
    for (Entry e : index.entries()) {
      actions.release(e);
    }
    index.clear();
  }

  /** The entry with this match and priority; NOT_FOUND when there is none. */
  Entry find(List<KeyMatch> match, int priority) {
    return find(new TableEntry(match, priority, null));
  }

  private Entry find(TableEntry spec) {
    if (keys.isEmpty()) {
      throw new EntryException(Kind.NOT_FOUND, table + " has no entries");
    }
    Entry probe = EntryBuilder.build(keys, table, spec, 0, constEntries);
    Entry e = index.get(new ByteKey(EntryBuilder.identity(keys, probe)));
    if (e == null) {
      throw new EntryException(Kind.NOT_FOUND, table + ": no such entry");
    }
    return e;
  }

  /** Every entry, in insertion order (stable across reads). */
  Collection<Entry> all() {
    return index.entries();
  }

  List<TableEntry> read() {
    List<TableEntry> out = new ArrayList<>(index.size());
    for (Entry e : index.entries()) {
      out.add(e.spec);
    }
    return out;
  }

  int size() {
    return index.size();
  }

  private void requireNotConst() {
    if (constEntries) {
      throw new EntryException(Kind.CONST, table + " has const entries");
    }
  }
}
