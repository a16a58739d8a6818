package net.vdn.softswitch.p4rt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.config.v1.MatchField;
import net.vdn.p4runtime.proto.config.v1.Table;
import net.vdn.p4runtime.proto.v1.Action;
import net.vdn.p4runtime.proto.v1.FieldMatch;
import net.vdn.p4runtime.proto.v1.TableEntry;
import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.table.EntryAction;
import net.vdn.softswitch.table.KeyMatch;
import net.vdn.softswitch.table.MatchTable;

/** Table keys and actions between P4Runtime messages and the engine, both ways. */
final class Keys {
  private Keys() {}

  /** The engine key of a P4Runtime table entry: one KeyMatch per field, null for don't care. */
  static List<KeyMatch> key(TableInfo t, TableEntry e) {
    Table proto = t.proto();
    KeyMatch[] key = new KeyMatch[proto.getMatchFieldsCount()];
    for (FieldMatch fm : e.getMatchList()) {
      int position = position(proto, fm.getFieldId());
      if (position < 0) {
        throw UpdateError.invalid(
            "table '" + t.name() + "' has no match field with id " + fm.getFieldId());
      }
      if (key[position] != null) {
        throw UpdateError.invalid(
            "table '" + t.name() + "': match field id " + fm.getFieldId() + " given twice");
      }
      MatchField f = proto.getMatchFields(position);
      key[position] = keyMatch(t, f, fm);
    }
    for (int i = 0; i < key.length; i++) {
      if (key[i] == null && proto.getMatchFields(i).getMatchType() == MatchField.MatchType.EXACT) {
        throw UpdateError.invalid(
            "table '"
                + t.name()
                + "': exact match field '"
                + proto.getMatchFields(i).getName()
                + "' is missing");
      }
    }
    int priority = e.getPriority();
    if (t.needsPriority() && !e.getIsDefaultAction() && priority <= 0) {
      throw UpdateError.invalid("table '" + t.name() + "' needs a priority > 0, got " + priority);
    }
    if (!t.needsPriority() && priority != 0) {
      throw UpdateError.invalid("table '" + t.name() + "' takes no priority, got " + priority);
    }
    return Arrays.asList(key);
  }

  private static int position(Table proto, int fieldId) {
    for (int i = 0; i < proto.getMatchFieldsCount(); i++) {
      if (proto.getMatchFields(i).getId() == fieldId) {
        return i;
      }
    }
    return -1;
  }

  private static KeyMatch keyMatch(TableInfo t, MatchField f, FieldMatch fm) {
    String where = "table '" + t.name() + "' field '" + f.getName() + "'";
    String expected = f.getMatchType().name();
    String got = fm.getFieldMatchTypeCase().name();
    if (!expected.equals(got)) {
      throw UpdateError.invalid(where + " is " + expected + ", got " + got);
    }
    return switch (fm.getFieldMatchTypeCase()) {
      case EXACT -> new KeyMatch.Exact(fm.getExact().getValue().toByteArray());
      case LPM -> {
        if (fm.getLpm().getPrefixLen() == 0) {
          throw UpdateError.invalid(where + ": a /0 match must be left out (don't care)");
        }
        yield new KeyMatch.Lpm(fm.getLpm().getValue().toByteArray(), fm.getLpm().getPrefixLen());
      }
      case TERNARY -> {
        if (Value.of(fm.getTernary().getMask()).isZero()) {
          throw UpdateError.invalid(where + ": a zero mask must be left out (don't care)");
        }
        yield new KeyMatch.Ternary(
            fm.getTernary().getValue().toByteArray(), fm.getTernary().getMask().toByteArray());
      }
      case RANGE ->
          new KeyMatch.Range(
              fm.getRange().getLow().toByteArray(), fm.getRange().getHigh().toByteArray());
      case OPTIONAL -> new KeyMatch.Optional(fm.getOptional().getValue().toByteArray());
      default ->
          throw UpdateError.unimplemented(where + ": match kind " + got + " is not supported");
    };
  }

  /** The P4Runtime field matches of an engine key, canonical, don't-cares left out. */
  static List<FieldMatch> fieldMatches(Table proto, List<KeyMatch> key) {
    List<FieldMatch> out = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      KeyMatch k = key.get(i);
      if (k == null) {
        continue;
      }
      var fm = FieldMatch.newBuilder().setFieldId(proto.getMatchFields(i).getId());
      switch (k) {
        case KeyMatch.Exact x ->
            fm.setExact(FieldMatch.Exact.newBuilder().setValue(canonical(x.value())));
        case KeyMatch.Lpm x ->
            fm.setLpm(
                FieldMatch.LPM
                    .newBuilder()
                    .setValue(canonical(x.value()))
                    .setPrefixLen(x.prefixLength()));
        case KeyMatch.Ternary x -> {
          if (proto.getMatchFields(i).getMatchType() == MatchField.MatchType.OPTIONAL) {
            fm.setOptional(FieldMatch.Optional.newBuilder().setValue(canonical(x.value())));
          } else {
            fm.setTernary(
                FieldMatch.Ternary.newBuilder()
                    .setValue(canonical(x.value()))
                    .setMask(canonical(x.mask())));
          }
        }
        case KeyMatch.Range x ->
            fm.setRange(
                FieldMatch.Range.newBuilder()
                    .setLow(canonical(x.low()))
                    .setHigh(canonical(x.high())));
        case KeyMatch.Optional x ->
            fm.setOptional(FieldMatch.Optional.newBuilder().setValue(canonical(x.value())));
      }
      out.add(fm.build());
    }
    return out;
  }

  /** The engine call for a P4Runtime action in a table (checking it belongs to the table). */
  static EntryAction.Call call(
      P4InfoIndex index, TableInfo t, MatchTable table, Action a, boolean isDefault) {
    var info = index.action(a.getActionId());
    var ref = t.actionRefs().get(a.getActionId());
    if (ref == null) {
      throw UpdateError.invalid(
          "action '" + info.name() + "' is not an action of table '" + t.name() + "'");
    }
    if (isDefault
        && ref.getScope() == net.vdn.p4runtime.proto.config.v1.ActionRef.Scope.TABLE_ONLY) {
      throw UpdateError.invalid(
          "action '" + info.name() + "' cannot be the default of table '" + t.name() + "'");
    }
    if (!isDefault
        && ref.getScope() == net.vdn.p4runtime.proto.config.v1.ActionRef.Scope.DEFAULT_ONLY) {
      throw UpdateError.invalid(
          "action '" + info.name() + "' can only be the default of table '" + t.name() + "'");
    }
    return call(info, table.action(info.name()), a);
  }

  static EntryAction.Call call(net.vdn.p4runtime.info.ActionInfo info, ActionFn fn, Action a) {
    var params = info.proto().getParamsList();
    byte[][] values = new byte[params.size()][];
    for (Action.Param p : a.getParamsList()) {
      int position = -1;
      for (int i = 0; i < params.size(); i++) {
        if (params.get(i).getId() == p.getParamId()) {
          position = i;
        }
      }
      if (position < 0) {
        throw UpdateError.invalid(
            "action '" + info.name() + "' has no parameter with id " + p.getParamId());
      }
      if (values[position] != null) {
        throw UpdateError.invalid(
            "action '" + info.name() + "': parameter id " + p.getParamId() + " given twice");
      }
      if (!Value.of(p.getValue()).fits(params.get(position).getBitwidth())) {
        throw UpdateError.invalid(
            "action '"
                + info.name()
                + "': parameter '"
                + params.get(position).getName()
                + "' does not fit "
                + params.get(position).getBitwidth()
                + " bits");
      }
      values[position] = p.getValue().toByteArray();
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw UpdateError.invalid(
            "action '" + info.name() + "': parameter '" + params.get(i).getName() + "' is missing");
      }
    }
    return new EntryAction.Call(fn.id(), Arrays.asList(values));
  }

  /** The P4Runtime action of an engine call. */
  static Action action(P4InfoIndex index, MatchTable table, EntryAction.Call call) {
    ActionFn fn = table.action(call.actionId());
    var info = index.action(fn.name());
    var out = Action.newBuilder().setActionId(info.id());
    for (int i = 0; i < call.params().size(); i++) {
      out.addParams(
          Action.Param.newBuilder()
              .setParamId(info.proto().getParams(i).getId())
              .setValue(canonical(call.params().get(i))));
    }
    return out.build();
  }

  static com.google.protobuf.ByteString canonical(byte[] bytes) {
    return Value.of(bytes).toByteString();
  }
}
