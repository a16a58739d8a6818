package net.vdn.softswitch.table;

import java.util.List;

/** What a table entry does on a match: an action call, or a member or group of a profile. */
public sealed interface EntryAction {

  /** An action (by its BMv2 JSON id) with one big-endian value per parameter. */
  record Call(int actionId, List<byte[]> params) implements EntryAction {
    public Call {
      params = List.copyOf(params);
    }
  }

  /** A member of the table's action profile. */
  record Member(int memberId) implements EntryAction {}

  /** A group of the table's action selector. */
  record Group(int groupId) implements EntryAction {}
}
