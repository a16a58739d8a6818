package net.vdn.p4runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.p4runtime.P4RuntimeException;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.ActionCall;
import net.vdn.p4runtime.entity.TableAction;
import net.vdn.p4runtime.info.ActionInfo;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.config.v1.ActionProfile;
import net.vdn.p4runtime.proto.config.v1.ActionRef;

/**
 * Actions and what a table entry runs (an action, a profile member or group, an action set):
 * parameters, action scopes and profile use checked against P4Info, and read back by name.
 */
final class ActionCodec {
  private final P4InfoIndex index;

  ActionCodec(P4InfoIndex index) {
    this.index = index;
  }

  net.vdn.p4runtime.proto.v1.TableAction tableAction(
      TableInfo t, TableAction action, boolean isDefault) {
    String where = "table '" + t.name() + "'";
    var out = net.vdn.p4runtime.proto.v1.TableAction.newBuilder();
    switch (action) {
      case ActionCall call -> {
        if (t.isIndirect()) {
          throw Wire.invalid(
              where
                  + " is implemented by action profile '"
                  + index.actionProfile(t.profileId()).getPreamble().getName()
                  + "': give a member, a group or an action set, not action '"
                  + call.action()
                  + "'");
        }
        out.setAction(actionForTable(t, call, isDefault));
      }
      case TableAction.MemberRef ref -> {
        requireProfile(t, false, "member " + ref.memberId());
        out.setActionProfileMemberId(ref.memberId());
      }
      case TableAction.GroupRef ref -> {
        requireProfile(t, true, "group " + ref.groupId());
        out.setActionProfileGroupId(ref.groupId());
      }
      case TableAction.ActionSet set -> {
        requireProfile(t, true, "an action set");
        if (set.actions().isEmpty()) {
          throw Wire.invalid(where + ": an action set needs at least one action");
        }
        var b = net.vdn.p4runtime.proto.v1.ActionProfileActionSet.newBuilder();
        for (TableAction.WeightedAction wa : set.actions()) {
          if (wa.weight() <= 0) {
            throw Wire.invalid(where + ": action set weights must be positive, got " + wa.weight());
          }
          b.addActionProfileActions(
              net.vdn.p4runtime.proto.v1.ActionProfileAction.newBuilder()
                  .setAction(actionForTable(t, wa.action(), false))
                  .setWeight(wa.weight()));
        }
        out.setActionProfileActionSet(b);
      }
    }
    return out.build();
  }

  private void requireProfile(TableInfo t, boolean selector, String what) {
    if (!t.isIndirect()) {
      throw Wire.invalid("table '" + t.name() + "' takes direct actions, not " + what);
    }
    ActionProfile p = index.actionProfile(t.profileId());
    if (selector && !p.getWithSelector()) {
      throw Wire.invalid(
          "table '"
              + t.name()
              + "' is implemented by action profile '"
              + p.getPreamble().getName()
              + "', which has no selector: "
              + what
              + " needs one");
    }
  }

  private net.vdn.p4runtime.proto.v1.Action actionForTable(
      TableInfo t, ActionCall call, boolean isDefault) {
    ActionInfo a = index.action(call.action());
    ActionRef ref = t.actionRefs().get(a.id());
    if (ref == null) {
      List<String> allowed =
          t.proto().getActionRefsList().stream().map(r -> index.action(r.getId()).name()).toList();
      throw Wire.invalid(
          "action '"
              + a.name()
              + "' is not an action of table '"
              + t.name()
              + "' (allowed: "
              + String.join(", ", allowed)
              + ")");
    }
    if (isDefault && ref.getScope() == ActionRef.Scope.TABLE_ONLY) {
      throw Wire.invalid(
          "action '" + a.name() + "' may not be the default action of table '" + t.name() + "'");
    }
    if (!isDefault && ref.getScope() == ActionRef.Scope.DEFAULT_ONLY) {
      throw Wire.invalid(
          "action '" + a.name() + "' may only be the default action of table '" + t.name() + "'");
    }
    return action(a, call);
  }

  /** The action with its parameters in P4Info order, each checked against its width. */
  net.vdn.p4runtime.proto.v1.Action action(ActionInfo a, ActionCall call) {
    var out = net.vdn.p4runtime.proto.v1.Action.newBuilder().setActionId(a.id());
    List<net.vdn.p4runtime.proto.config.v1.Action.Param> params = a.proto().getParamsList();
    Value[] byPosition = new Value[params.size()];
    for (Map.Entry<String, Value> given : call.params().entrySet()) {
      var p = a.param(given.getKey()); // fails on unknown or ambiguous names
      int position = params.indexOf(p);
      if (byPosition[position] != null) {
        throw Wire.invalid(
            "action '" + a.name() + "': parameter '" + p.getName() + "' is given twice");
      }
      byPosition[position] = given.getValue();
    }
    for (int i = 0; i < params.size(); i++) {
      var p = params.get(i);
      Value v = byPosition[i];
      if (v == null) {
        throw Wire.invalid("action '" + a.name() + "': parameter '" + p.getName() + "' is missing");
      }
      Wire.fits(v, p.getBitwidth(), "action '" + a.name() + "': parameter '" + p.getName() + "'");
      out.addParams(
          net.vdn.p4runtime.proto.v1.Action.Param.newBuilder()
              .setParamId(p.getId())
              .setValue(v.toByteString()));
    }
    return out.build();
  }

  /** What a table entry read from a target runs; null when the message carries nothing. */
  TableAction decodeTableAction(net.vdn.p4runtime.proto.v1.TableAction a) {
    return switch (a.getTypeCase()) {
      case ACTION -> decodeAction(a.getAction());
      case ACTION_PROFILE_MEMBER_ID -> new TableAction.MemberRef(a.getActionProfileMemberId());
      case ACTION_PROFILE_GROUP_ID -> new TableAction.GroupRef(a.getActionProfileGroupId());
      case ACTION_PROFILE_ACTION_SET -> {
        List<TableAction.WeightedAction> actions = new ArrayList<>();
        for (var pa : a.getActionProfileActionSet().getActionProfileActionsList()) {
          actions.add(new TableAction.WeightedAction(decodeAction(pa.getAction()), pa.getWeight()));
        }
        yield new TableAction.ActionSet(actions);
      }
      case TYPE_NOT_SET -> null;
    };
  }

  ActionCall decodeAction(net.vdn.p4runtime.proto.v1.Action a) {
    ActionInfo info = index.action(a.getActionId());
    Map<String, Value> params = new LinkedHashMap<>();
    for (var p : a.getParamsList()) {
      var param = info.params().byId(p.getParamId());
      if (param == null) {
        throw new P4RuntimeException(
            "action '" + info.name() + "' has no parameter with id " + p.getParamId());
      }
      params.put(param.getName(), Value.of(p.getValue()));
    }
    return new ActionCall(info.name(), params);
  }
}
