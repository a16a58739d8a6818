package net.vdn.softswitch.table;

import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.runtime.Phv;
import net.vdn.softswitch.table.EntryException.Kind;

/** What a table runs on a miss: the program's default action, or the control plane's. */
final class DefaultAction {
  private final String table;
  private final TableActions actions;
  private ActionFn fn;
  private long[] data = new long[0];
  private EntryAction.Call call;
  private EntryAction.Call programCall;
  private boolean isConst;

  DefaultAction(String table, TableActions actions) {
    this.table = table;
    this.actions = actions;
  }

  /** The default action call, or null before one is set. */
  EntryAction.Call call() {
    return call;
  }

  boolean isConst() {
    return isConst;
  }

  /** Sets it from the control plane; refused when the program made it const. */
  void set(EntryAction.Call call) {
    if (isConst) {
      throw new EntryException(Kind.CONST, table + ": the default action is const");
    }
    init(call, false);
  }

  /**
   * Sets it from the program, and remembers it as the program's; {@code isConst} forbids later
   * changes.
   */
  void program(EntryAction.Call call, boolean isConst) {
    init(call, isConst);
    this.programCall = call;
  }

  /** Goes back to the program's default action (none when the program set none). */
  void reset() {
    if (isConst) {
      throw new EntryException(Kind.CONST, table + ": the default action is const");
    }
    if (programCall != null) {
      init(programCall, false);
    } else {
      fn = null;
      data = new long[0];
      call = null;
    }
  }

  private void init(EntryAction.Call call, boolean isConst) {
    ActionFn f = actions.byId(call.actionId());
    if (f == null) {
      throw new EntryException(
          Kind.INVALID, table + ": action id " + call.actionId() + " not allowed");
    }
    long[] d = ActionData.encode(f, call.params());
    this.fn = f;
    this.data = d;
    this.call = call;
    this.isConst = isConst;
  }

  /**
   * Runs it on a packet; returns the action's position among the table's shifted left by one (a
   * miss), or {@code -1 << 1} when there is none.
   */
  int run(Phv p) {
    if (fn == null) {
      return -1 << 1;
    }
    fn.run(p, data);
    return actions.indexOf(fn) << 1;
  }
}
