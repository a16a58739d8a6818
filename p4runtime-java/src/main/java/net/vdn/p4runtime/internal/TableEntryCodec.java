package net.vdn.p4runtime.internal;

import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.config.v1.Table;

/**
 * Table entries: the entry's own rules (const tables, default entries, priorities, idle timeouts,
 * direct resources) checked against P4Info; matches and actions go to their own codecs.
 */
final class TableEntryCodec {
  private final P4InfoIndex index;
  private final ActionCodec actions;

  TableEntryCodec(P4InfoIndex index, ActionCodec actions) {
    this.index = index;
    this.actions = actions;
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
      MatchCodec.encode(t, e.matches(), out);
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
    out.setAction(actions.tableAction(t, e.action(), e.isDefault()));
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

  TableEntry decode(net.vdn.p4runtime.proto.v1.TableEntry e) {
    TableInfo t = index.table(e.getTableId());
    TableEntry.Builder b = TableEntry.in(t.name());
    MatchCodec.decode(t, e.getMatchList(), b);
    if (e.hasAction()) {
      b.action(actions.decodeTableAction(e.getAction()));
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
}
