package net.vdn.softswitch.pipeline;

import net.vdn.softswitch.expr.Cond;
import net.vdn.softswitch.runtime.Phv;
import net.vdn.softswitch.table.MatchTable;

/** A node of a control flow graph: a table application or a conditional. */
abstract sealed class ControlNode {
  final String name;

  ControlNode(String name) {
    this.name = name;
  }

  /** Runs the node and returns the next one, or null at the end of the control. */
  abstract ControlNode run(Phv p);

  static final class TableNode extends ControlNode {
    final MatchTable table;
    ControlNode[] byAction;
    ControlNode onHit;
    ControlNode onMiss;
    boolean hitMiss;
    ControlNode baseDefault;

    TableNode(String name, MatchTable table) {
      super(name);
      this.table = table;
    }

    @Override
    ControlNode run(Phv p) {
      int r = table.apply(p);
      if (p.exit) {
        return null;
      }
      if (hitMiss) {
        return (r & 1) != 0 ? onHit : onMiss;
      }
      int index = r >> 1;
      return index < 0 ? baseDefault : byAction[index];
    }
  }

  static final class CondNode extends ControlNode {
    final Cond cond;
    ControlNode ifTrue;
    ControlNode ifFalse;

    CondNode(String name, Cond cond) {
      super(name);
      this.cond = cond;
    }

    @Override
    ControlNode run(Phv p) {
      return cond.test(p) ? ifTrue : ifFalse;
    }
  }
}
