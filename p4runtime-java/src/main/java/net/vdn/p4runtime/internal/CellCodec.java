package net.vdn.p4runtime.internal;

import net.vdn.p4runtime.InvalidEntityException;
import net.vdn.p4runtime.P4RuntimeException;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.DirectCounterEntry;
import net.vdn.p4runtime.entity.DirectMeterEntry;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.RegisterEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.config.v1.Counter;
import net.vdn.p4runtime.proto.config.v1.Meter;
import net.vdn.p4runtime.proto.config.v1.Register;
import net.vdn.p4runtime.proto.v1.Index;
import net.vdn.p4runtime.proto.v1.P4Data;

/**
 * Cells of counters, meters and registers, indirect (by index, checked against the size) and direct
 * (by the table entry they belong to). A negative index means every cell.
 */
final class CellCodec {
  private final P4InfoIndex index;
  private final TableEntryCodec tables;

  CellCodec(P4InfoIndex index, TableEntryCodec tables) {
    this.index = index;
    this.tables = tables;
  }

  net.vdn.p4runtime.proto.v1.CounterEntry counter(CounterEntry c, EntityCodec.Purpose purpose) {
    Counter info = index.counter(c.counter());
    var out =
        net.vdn.p4runtime.proto.v1.CounterEntry.newBuilder()
            .setCounterId(info.getPreamble().getId());
    String where = "counter '" + info.getPreamble().getName() + "'";
    if (c.index() >= 0 || purpose == EntityCodec.Purpose.WRITE) {
      out.setIndex(index(c.index(), info.getSize(), where));
    }
    if (purpose == EntityCodec.Purpose.WRITE) {
      out.setData(Wire.counterData(c.data() == null ? CounterData.ZERO : c.data()));
    }
    return out.build();
  }

  net.vdn.p4runtime.proto.v1.DirectCounterEntry directCounter(
      DirectCounterEntry c, EntityCodec.Purpose purpose) {
    TableInfo t = index.table(c.entry().table());
    if (t.directCounterId() == 0) {
      throw Wire.invalid("table '" + t.name() + "' has no direct counter");
    }
    var out =
        net.vdn.p4runtime.proto.v1.DirectCounterEntry.newBuilder()
            .setTableEntry(tables.encode(c.entry().key(), EntityCodec.Purpose.KEY));
    if (purpose == EntityCodec.Purpose.WRITE) {
      out.setData(Wire.counterData(c.data() == null ? CounterData.ZERO : c.data()));
    }
    return out.build();
  }

  net.vdn.p4runtime.proto.v1.MeterEntry meter(MeterEntry m, EntityCodec.Purpose purpose) {
    Meter info = index.meter(m.meter());
    String where = "meter '" + info.getPreamble().getName() + "'";
    var out =
        net.vdn.p4runtime.proto.v1.MeterEntry.newBuilder().setMeterId(info.getPreamble().getId());
    if (m.index() >= 0 || purpose == EntityCodec.Purpose.WRITE) {
      out.setIndex(index(m.index(), info.getSize(), where));
    }
    if (purpose == EntityCodec.Purpose.WRITE && m.config() != null) {
      out.setConfig(Wire.meterConfig(m.config(), where));
    }
    return out.build();
  }

  net.vdn.p4runtime.proto.v1.DirectMeterEntry directMeter(
      DirectMeterEntry m, EntityCodec.Purpose purpose) {
    TableInfo t = index.table(m.entry().table());
    if (t.directMeterId() == 0) {
      throw Wire.invalid("table '" + t.name() + "' has no direct meter");
    }
    var out =
        net.vdn.p4runtime.proto.v1.DirectMeterEntry.newBuilder()
            .setTableEntry(tables.encode(m.entry().key(), EntityCodec.Purpose.KEY));
    if (purpose == EntityCodec.Purpose.WRITE && m.config() != null) {
      out.setConfig(Wire.meterConfig(m.config(), "direct meter of table '" + t.name() + "'"));
    }
    return out.build();
  }

  net.vdn.p4runtime.proto.v1.RegisterEntry register(RegisterEntry r, EntityCodec.Purpose purpose) {
    Register info = index.register(r.register());
    String where = "register '" + info.getPreamble().getName() + "'";
    var out =
        net.vdn.p4runtime.proto.v1.RegisterEntry.newBuilder()
            .setRegisterId(info.getPreamble().getId());
    if (r.index() >= 0 || purpose == EntityCodec.Purpose.WRITE) {
      out.setIndex(index(r.index(), info.getSize(), where));
    }
    if (purpose == EntityCodec.Purpose.WRITE) {
      if (r.value() == null) {
        throw Wire.invalid(where + ": no value to write");
      }
      Wire.fits(r.value(), registerWidth(info), where);
      out.setData(P4Data.newBuilder().setBitstring(r.value().toByteString()));
    }
    return out.build();
  }

  private static int registerWidth(Register info) {
    var spec = info.getTypeSpec();
    if (!spec.hasBitstring() || !spec.getBitstring().hasBit()) {
      throw new InvalidEntityException(
          "register '"
              + info.getPreamble().getName()
              + "' holds "
              + spec.getTypeSpecCase()
              + " values; only bit<W> registers are supported");
    }
    return spec.getBitstring().getBit().getBitwidth();
  }

  private static Index index(long i, long size, String where) {
    if (i < 0 || (size > 0 && i >= size)) {
      throw Wire.invalid(where + ": index " + i + " is outside 0.." + (size - 1));
    }
    return Index.newBuilder().setIndex(i).build();
  }

  CounterEntry decodeCounter(net.vdn.p4runtime.proto.v1.CounterEntry c) {
    return new CounterEntry(
        index.counter(c.getCounterId()).getPreamble().getName(),
        c.hasIndex() ? c.getIndex().getIndex() : -1,
        Wire.decodeCounterData(c.getData()));
  }

  DirectCounterEntry decodeDirectCounter(net.vdn.p4runtime.proto.v1.DirectCounterEntry c) {
    return new DirectCounterEntry(
        tables.decode(c.getTableEntry()).key(), Wire.decodeCounterData(c.getData()));
  }

  MeterEntry decodeMeter(net.vdn.p4runtime.proto.v1.MeterEntry m) {
    return new MeterEntry(
        index.meter(m.getMeterId()).getPreamble().getName(),
        m.hasIndex() ? m.getIndex().getIndex() : -1,
        m.hasConfig() ? Wire.decodeMeterConfig(m.getConfig()) : null);
  }

  DirectMeterEntry decodeDirectMeter(net.vdn.p4runtime.proto.v1.DirectMeterEntry m) {
    return new DirectMeterEntry(
        tables.decode(m.getTableEntry()).key(),
        m.hasConfig() ? Wire.decodeMeterConfig(m.getConfig()) : null);
  }

  RegisterEntry decodeRegister(net.vdn.p4runtime.proto.v1.RegisterEntry r) {
    Register info = index.register(r.getRegisterId());
    if (r.getData().getDataCase() != P4Data.DataCase.BITSTRING) {
      throw new P4RuntimeException(
          "register '"
              + info.getPreamble().getName()
              + "' returned "
              + r.getData().getDataCase()
              + " data; only bit-strings are supported");
    }
    return new RegisterEntry(
        info.getPreamble().getName(),
        r.hasIndex() ? r.getIndex().getIndex() : -1,
        Value.of(r.getData().getBitstring()));
  }
}
