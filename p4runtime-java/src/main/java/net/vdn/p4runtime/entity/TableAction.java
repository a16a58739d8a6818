package net.vdn.p4runtime.entity;

import java.util.List;

/** What a table entry does: a direct action, an action profile member or group, or a set. */
public sealed interface TableAction
    permits ActionCall, TableAction.MemberRef, TableAction.GroupRef, TableAction.ActionSet {

  /** For tables implemented by an action profile: the member to run. */
  record MemberRef(int memberId) implements TableAction {}

  /** For tables implemented by an action selector: the group to choose from. */
  record GroupRef(int groupId) implements TableAction {}

  /** One-shot selector programming: the weighted actions of an anonymous group. */
  record ActionSet(List<WeightedAction> actions) implements TableAction {
    public ActionSet {
      actions = List.copyOf(actions);
    }
  }

  record WeightedAction(ActionCall action, int weight) {}
}
