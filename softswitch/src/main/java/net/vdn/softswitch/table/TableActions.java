package net.vdn.softswitch.table;

import java.util.List;
import net.vdn.softswitch.action.ActionFn;

/**
 * The actions a table's entries and default entry may run, and the action profile of an indirect
 * table (whose entries name a member or a group instead of an action).
 */
final class TableActions {
  private final ActionFn[] actions;
  private final ActionProfile profile;

  TableActions(List<ActionFn> actions, ActionProfile profile) {
    this.actions = actions.toArray(new ActionFn[0]);
    this.profile = profile;
  }

  List<ActionFn> all() {
    return List.of(actions);
  }

  /** The action profile of an indirect table, or null. */
  ActionProfile profile() {
    return profile;
  }

  /** The action with this JSON id, or null when the table does not have it. */
  ActionFn byId(int actionId) {
    for (ActionFn a : actions) {
      if (a.id() == actionId) {
        return a;
      }
    }
    return null;
  }

  /** The action with this name, or null. */
  ActionFn byName(String actionName) {
    for (ActionFn a : actions) {
      if (a.name().equals(actionName)) {
        return a;
      }
    }
    return null;
  }

  /** The position of {@code fn} among the table's actions, or -1. Does not allocate. */
  int indexOf(ActionFn fn) {
    for (int i = 0; i < actions.length; i++) {
      if (actions[i] == fn) {
        return i;
      }
    }
    return -1;
  }

  /** Drops the profile references an entry's action took (see {@link EntryBuilder#bind}). */
  void release(Entry e) {
    if (profile != null && e.spec.action() != null) {
      profile.reference(e.spec.action(), -1);
    }
  }
}
