package net.vdn.p4runtime.entity;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.p4runtime.P4RuntimeException;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.info.ActionInfo;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.config.v1.ActionProfile;
import net.vdn.p4runtime.proto.config.v1.ActionRef;
import net.vdn.p4runtime.proto.config.v1.MatchField;
import net.vdn.p4runtime.proto.config.v1.Table;
import net.vdn.p4runtime.proto.v1.FieldMatch;

/** Table entries and their actions: validation against P4Info, encoding and decoding. */
final class TableEntryCodec {
  private final P4InfoIndex index;

  TableEntryCodec(P4InfoIndex index) {
    this.index = index;
  }

  net.vdn.p4runtime.proto.v1.TableEntry encode(TableEntry e, EntityCodec.Purpose purpose) {
    TableInfo t = index.table(e.table());
    Table proto = t.proto();
    String where = "table '" + t.name() + "'";
    var out = net.vdn.p4runtime.proto.v1.TableEntry.newBuilder().setTableId(t.id());
    if (purpose == EntityCodec.Purpose.WRITE && proto.getIsConstTable()) {
      throw Wire.invalid(where + " is const: its entries cannot be written");
    }
    if (e.isDefault()) {
      if (!e.matches().isEmpty()) {
        throw Wire.invalid(
            where + ": the default entry has no match fields, got " + e.matches().keySet());
      }
      if (e.priority() != 0) {
        throw Wire.invalid(where + ": the default entry takes no priority, got " + e.priority());
      }
      if (purpose == EntityCodec.Purpose.WRITE && proto.getConstDefaultActionId() != 0) {
        throw Wire.invalid(where + ": its default action is const and cannot be changed");
      }
      out.setIsDefaultAction(true);
    } else {
      encodeMatches(t, e.matches(), out);
      if (t.needsPriority() && e.priority() <= 0) {
        throw Wire.invalid(
            where
                + " has ternary, range or optional fields: its entries need a priority > 0, got "
                + e.priority());
      }
      if (!t.needsPriority() && e.priority() != 0) {
        throw Wire.invalid(
            where + " has only exact and LPM fields: priority must be 0, got " + e.priority());
      }
      out.setPriority(e.priority());
    }
    if (purpose == EntityCodec.Purpose.KEY) {
      return out.build();
    }
    if (e.action() == null) {
      throw Wire.invalid(where + ": the entry has no action");
    }
    out.setAction(tableAction(t, e.action(), e.isDefault()));
    if (e.idleTimeoutNs() < 0) {
      throw Wire.invalid(where + ": idle timeout must not be negative, got " + e.idleTimeoutNs());
    }
    if (e.idleTimeoutNs() > 0) {
      if (proto.getIdleTimeoutBehavior() != Table.IdleTimeoutBehavior.NOTIFY_CONTROL) {
        throw Wire.invalid(
            where + " does not support idle timeouts (declare support_timeout = true)");
      }
      out.setIdleTimeoutNs(e.idleTimeoutNs());
    }
    if (e.meterConfig() != null) {
      if (t.directMeterId() == 0) {
        throw Wire.invalid(
            where + " has no direct meter, so the entry cannot carry a meter config");
      }
      out.setMeterConfig(Wire.meterConfig(e.meterConfig(), where));
    }
    if (e.counterData() != null) {
      if (t.directCounterId() == 0) {
        throw Wire.invalid(
            where + " has no direct counter, so the entry cannot carry counter data");
      }
      out.setCounterData(Wire.counterData(e.counterData()));
    }
    out.setMetadata(e.metadata());
    return out.build();
  }

  private void encodeMatches(
      TableInfo t, Map<String, Match> matches, net.vdn.p4runtime.proto.v1.TableEntry.Builder out) {
    List<MatchField> fields = t.proto().getMatchFieldsList();
    // By position in P4Info, so that equal entries encode to equal bytes.
    FieldMatch[] byPosition = new FieldMatch[fields.size()];
    boolean[] given = new boolean[fields.size()];
    for (Map.Entry<String, Match> m : matches.entrySet()) {
      MatchField f = t.field(m.getKey());
      int position = fields.indexOf(f);
      if (given[position]) {
        throw Wire.invalid(
            "table '" + t.name() + "': match field '" + f.getName() + "' is given twice");
      }
      given[position] = true;
      byPosition[position] = fieldMatch(t, f, m.getValue());
    }
    for (int i = 0; i < fields.size(); i++) {
      if (byPosition[i] != null) {
        out.addMatch(byPosition[i]);
      } else if (fields.get(i).getMatchType() == MatchField.MatchType.EXACT) {
        throw Wire.invalid(
            "table '"
                + t.name()
                + "': exact match field '"
                + fields.get(i).getName()
                + "' is missing");
      }
    }
  }

  /** The field match, or null when it is a don't-care that must be left out. */
  private FieldMatch fieldMatch(TableInfo t, MatchField f, Match m) {
    String where = "table '" + t.name() + "': match field '" + f.getName() + "'";
    int w = f.getBitwidth();
    MatchField.MatchType type = f.getMatchType();
    String expected = type.name().toLowerCase();
    if (!f.hasMatchType()) {
      throw Wire.invalid(
          where
              + " has match kind '"
              + f.getOtherMatchType()
              + "', which this client cannot encode");
    }
    if (!expected.equals(m.kind())) {
      throw Wire.invalid(where + " is " + expected + ", got a " + m.kind() + " match");
    }
    var fm = FieldMatch.newBuilder().setFieldId(f.getId());
    switch (m) {
      case Match.Exact x -> {
        Wire.fits(x.value(), w, where);
        fm.setExact(FieldMatch.Exact.newBuilder().setValue(x.value().toByteString()));
      }
      case Match.Lpm x -> {
        Wire.fits(x.value(), w, where);
        if (x.prefixLength() < 0 || x.prefixLength() > w) {
          throw Wire.invalid(where + ": prefix length " + x.prefixLength() + " is outside 0.." + w);
        }
        BigInteger hostBits =
            BigInteger.ONE.shiftLeft(w - x.prefixLength()).subtract(BigInteger.ONE);
        if (x.value().toBigInteger().and(hostBits).signum() != 0) {
          throw Wire.invalid(
              where
                  + ": value "
                  + x.value()
                  + " has bits set past its /"
                  + x.prefixLength()
                  + " prefix");
        }
        if (x.prefixLength() == 0) {
          return null;
        }
        fm.setLpm(
            FieldMatch.LPM
                .newBuilder()
                .setValue(x.value().toByteString())
                .setPrefixLen(x.prefixLength()));
      }
      case Match.Ternary x -> {
        Wire.fits(x.value(), w, where + " value");
        Wire.fits(x.mask(), w, where + " mask");
        if (!x.value().and(x.mask()).equals(x.value())) {
          throw Wire.invalid(where + ": value " + x.value() + " has bits outside mask " + x.mask());
        }
        if (x.mask().isZero()) {
          return null;
        }
        fm.setTernary(
            FieldMatch.Ternary.newBuilder()
                .setValue(x.value().toByteString())
                .setMask(x.mask().toByteString()));
      }
      case Match.Range x -> {
        Wire.fits(x.low(), w, where + " low");
        Wire.fits(x.high(), w, where + " high");
        if (x.low().compareTo(x.high()) > 0) {
          throw Wire.invalid(where + ": low " + x.low() + " is above high " + x.high());
        }
        if (x.low().isZero() && x.high().equals(Value.ones(w))) {
          return null;
        }
        fm.setRange(
            FieldMatch.Range.newBuilder()
                .setLow(x.low().toByteString())
                .setHigh(x.high().toByteString()));
      }
      case Match.Optional x -> {
        Wire.fits(x.value(), w, where);
        fm.setOptional(FieldMatch.Optional.newBuilder().setValue(x.value().toByteString()));
      }
    }
    return fm.build();
  }

  private net.vdn.p4runtime.proto.v1.TableAction tableAction(
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

  TableEntry decode(net.vdn.p4runtime.proto.v1.TableEntry e) {
    TableInfo t = index.table(e.getTableId());
    TableEntry.Builder b = TableEntry.in(t.name());
    for (FieldMatch fm : e.getMatchList()) {
      MatchField f = t.fields().byId(fm.getFieldId());
      if (f == null) {
        throw new P4RuntimeException(
            "table '" + t.name() + "' has no match field with id " + fm.getFieldId());
      }
      Match m =
          switch (fm.getFieldMatchTypeCase()) {
            case EXACT -> Match.exact(Value.of(fm.getExact().getValue()));
            case LPM -> Match.lpm(Value.of(fm.getLpm().getValue()), fm.getLpm().getPrefixLen());
            case TERNARY ->
                Match.ternary(
                    Value.of(fm.getTernary().getValue()), Value.of(fm.getTernary().getMask()));
            case RANGE ->
                Match.range(Value.of(fm.getRange().getLow()), Value.of(fm.getRange().getHigh()));
            case OPTIONAL -> Match.optional(Value.of(fm.getOptional().getValue()));
            default ->
                throw new P4RuntimeException(
                    "table '"
                        + t.name()
                        + "': unsupported match kind "
                        + fm.getFieldMatchTypeCase());
          };
      b.match(f.getName(), m);
    }
    if (e.hasAction()) {
      var a = e.getAction();
      b.action(
          switch (a.getTypeCase()) {
            case ACTION -> decodeAction(a.getAction());
            case ACTION_PROFILE_MEMBER_ID ->
                new TableAction.MemberRef(a.getActionProfileMemberId());
            case ACTION_PROFILE_GROUP_ID -> new TableAction.GroupRef(a.getActionProfileGroupId());
            case ACTION_PROFILE_ACTION_SET -> {
              List<TableAction.WeightedAction> actions = new ArrayList<>();
              for (var pa : a.getActionProfileActionSet().getActionProfileActionsList()) {
                actions.add(
                    new TableAction.WeightedAction(decodeAction(pa.getAction()), pa.getWeight()));
              }
              yield new TableAction.ActionSet(actions);
            }
            case TYPE_NOT_SET -> null;
          });
    }
    b.priority(e.getPriority())
        .isDefault(e.getIsDefaultAction())
        .idleTimeoutNs(e.getIdleTimeoutNs())
        .metadata(e.getMetadata());
    if (e.hasMeterConfig()) {
      b.meterConfig(Wire.decodeMeterConfig(e.getMeterConfig()));
    }
    if (e.hasCounterData()) {
      b.counterData(Wire.decodeCounterData(e.getCounterData()));
    }
    return b.build();
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
