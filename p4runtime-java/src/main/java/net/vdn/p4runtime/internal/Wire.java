package net.vdn.p4runtime.internal;

import net.vdn.p4runtime.InvalidEntityException;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.MeterConfig;

/** Checks and conversions shared by the codecs. */
final class Wire {
  private Wire() {}

  static net.vdn.p4runtime.proto.v1.MeterConfig meterConfig(MeterConfig c, String where) {
    if (c.cir() < 0 || c.cburst() < 0 || c.pir() < 0 || c.pburst() < 0 || c.eburst() < 0) {
      throw invalid(where + ": meter rates and bursts must not be negative, got " + c);
    }
    return net.vdn.p4runtime.proto.v1.MeterConfig.newBuilder()
        .setCir(c.cir())
        .setCburst(c.cburst())
        .setPir(c.pir())
        .setPburst(c.pburst())
        .setEburst(c.eburst())
        .build();
  }

  static net.vdn.p4runtime.proto.v1.CounterData counterData(CounterData d) {
    if (d.bytes() < 0 || d.packets() < 0) {
      throw invalid("counter values must not be negative, got " + d);
    }
    return net.vdn.p4runtime.proto.v1.CounterData.newBuilder()
        .setByteCount(d.bytes())
        .setPacketCount(d.packets())
        .build();
  }

  static CounterData decodeCounterData(net.vdn.p4runtime.proto.v1.CounterData d) {
    return new CounterData(d.getByteCount(), d.getPacketCount());
  }

  static MeterConfig decodeMeterConfig(net.vdn.p4runtime.proto.v1.MeterConfig c) {
    return new MeterConfig(c.getCir(), c.getCburst(), c.getPir(), c.getPburst(), c.getEburst());
  }

  static void fits(Value v, int bitwidth, String where) {
    if (v == null) {
      throw invalid(where + ": no value");
    }
    if (!v.fits(bitwidth)) {
      throw invalid(where + ": value " + v + " does not fit " + bitwidth + " bits");
    }
  }

  static InvalidEntityException invalid(String message) {
    return new InvalidEntityException(message);
  }
}
