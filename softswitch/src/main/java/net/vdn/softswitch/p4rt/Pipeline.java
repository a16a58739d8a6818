package net.vdn.softswitch.p4rt;

import java.util.List;
import java.util.function.Consumer;
import net.vdn.p4runtime.P4InfoException;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.config.v1.Action;
import net.vdn.p4runtime.proto.config.v1.P4Info;
import net.vdn.p4runtime.proto.config.v1.Table;
import net.vdn.softswitch.Digest;
import net.vdn.softswitch.Switch;
import net.vdn.softswitch.SwitchConfig;
import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.program.ProgramException;
import net.vdn.softswitch.table.KeyField;
import net.vdn.softswitch.table.MatchTable;

/**
 * A loaded pipeline: the engine running the BMv2 JSON and the P4Info that names its objects,
 * checked against each other when it is loaded (every P4Info table, action, parameter, counter,
 * meter, register and profile must exist in the JSON with the same widths).
 */
record Pipeline(
    P4InfoIndex p4info,
    Switch engine,
    P4Info proto,
    byte[] json,
    long cookie,
    ReplicaFields replicaFields) {

  /** Loads and cross-checks; throws {@link IllegalArgumentException} naming what is wrong. */
  static Pipeline load(
      P4Info p4info, byte[] json, long cookie, int cpuPort, Consumer<Digest> digests) {
    if (json.length == 0) {
      throw new IllegalArgumentException("the device config is empty: expected BMv2 JSON");
    }
    P4InfoIndex index;
    try {
      index = P4InfoIndex.of(p4info);
    } catch (P4InfoException e) {
      throw new IllegalArgumentException("bad P4Info: " + e.getMessage(), e);
    }
    Switch engine;
    try {
      engine = Switch.load(json, SwitchConfig.defaults().withCpuPort(cpuPort).withDigests(digests));
    } catch (ProgramException e) {
      throw new IllegalArgumentException("bad device config: " + e.getMessage(), e);
    }
    check(index, engine);
    return new Pipeline(index, engine, p4info, json.clone(), cookie, new ReplicaFields());
  }

  private static void check(P4InfoIndex index, Switch engine) {
    for (TableInfo t : index.tables().all()) {
      MatchTable table = engineTable(engine, t.name());
      List<KeyField> keys = table.keyFields();
      Table proto = t.proto();
      if (keys.size() != proto.getMatchFieldsCount()) {
        throw new IllegalArgumentException(
            "table '"
                + t.name()
                + "' has "
                + proto.getMatchFieldsCount()
                + " match fields in P4Info but "
                + keys.size()
                + " key fields in the JSON");
      }
      for (int i = 0; i < keys.size(); i++) {
        int width = proto.getMatchFields(i).getBitwidth();
        if (keys.get(i).width() != width) {
          throw new IllegalArgumentException(
              "table '"
                  + t.name()
                  + "' field '"
                  + proto.getMatchFields(i).getName()
                  + "' is "
                  + width
                  + " bits in P4Info but "
                  + keys.get(i).width()
                  + " in the JSON");
        }
      }
      for (var ref : proto.getActionRefsList()) {
        Action a = index.action(ref.getId()).proto();
        ActionFn fn = engineAction(table, a.getPreamble().getName());
        if (fn.params().count() != a.getParamsCount()) {
          throw new IllegalArgumentException(
              "action '"
                  + a.getPreamble().getName()
                  + "' has "
                  + a.getParamsCount()
                  + " parameters in P4Info but "
                  + fn.params().count()
                  + " in the JSON");
        }
      }
    }
    index.p4info().getCountersList().forEach(c -> engine.counter(c.getPreamble().getName()));
    index.p4info().getMetersList().forEach(m -> engine.meter(m.getPreamble().getName()));
    index.p4info().getRegistersList().forEach(r -> engine.register(r.getPreamble().getName()));
    index
        .p4info()
        .getActionProfilesList()
        .forEach(p -> engine.actionProfile(p.getPreamble().getName()));
  }

  static MatchTable engineTable(Switch engine, String name) {
    try {
      return engine.table(name);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("P4Info table '" + name + "' is not in the JSON", e);
    }
  }

  static ActionFn engineAction(MatchTable table, String name) {
    try {
      return table.action(name);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "action '" + name + "' is not an action of table '" + table.name() + "' in the JSON", e);
    }
  }

  MatchTable table(int p4infoTableId) {
    return engine.table(p4info.table(p4infoTableId).name());
  }
}
