package net.vdn.softswitch.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import net.vdn.softswitch.extern.CounterData;
import net.vdn.softswitch.extern.Meter;
import net.vdn.softswitch.extern.MeterConfig;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.runtime.Phv;
import net.vdn.softswitch.table.EntryException.Kind;
import net.vdn.softswitch.table.MatchTable.DirectMeter;

/**
 * A table's direct counter and direct meter: one cell of each per entry, counted and metered on
 * every hit, read and set by the control plane.
 */
final class DirectResources {
  private static final VarHandle PACKETS;
  private static final VarHandle BYTES;

  static {
    try {
      var lookup = MethodHandles.lookup();
      PACKETS = lookup.findVarHandle(Entry.class, "packets", long.class);
      BYTES = lookup.findVarHandle(Entry.class, "bytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String table;
  private final String counter;
  private final DirectMeter meter;
  private final FieldInfo packetLength;
  private final MatchTable.Clock clock;

  /**
   * {@code counter} and {@code meter} are null when absent; packet lengths come from {@code
   * packetLength} when the program has that field, else from the received packet.
   */
  DirectResources(
      String table,
      String counter,
      DirectMeter meter,
      FieldInfo packetLength,
      MatchTable.Clock clock) {
    this.table = table;
    this.counter = counter;
    this.meter = meter;
    this.packetLength = packetLength;
    this.clock = clock;
  }

  boolean hasCounter() {
    return counter != null;
  }

  boolean hasMeter() {
    return meter != null;
  }

  /** Gives a new entry its cells. */
  void attach(Entry e) {
    if (meter != null) {
      e.meter = new Meter();
    }
  }

  /** Keeps an entry's cells when it is replaced by a modified one. */
  void carryOver(Entry from, Entry to) {
    to.packets = from.packets;
    to.bytes = from.bytes;
    to.meter = from.meter;
  }

  /** Counts and meters a packet that hit {@code e}, writing the meter's color where it goes. */
  void hit(Entry e, Phv p) {
    if (counter != null) {
      // Workers hit the same entry concurrently: atomic adds lose no count.
      PACKETS.getAndAdd(e, 1L);
      BYTES.getAndAdd(e, length(p));
    }
    if (meter != null) {
      long units = meter.bytes() ? length(p) : 1;
      meter.target().set(p, e.meter.execute(clock.nanos(), units));
    }
  }

  private long length(Phv p) {
    return packetLength == null ? p.length : p.f[packetLength.slot()];
  }

  CounterData counter(Entry e) {
    return new CounterData((long) PACKETS.getVolatile(e), (long) BYTES.getVolatile(e));
  }

  void setCounter(Entry e, CounterData value) {
    PACKETS.setVolatile(e, value.packets());
    BYTES.setVolatile(e, value.bytes());
  }

  MeterConfig meterConfig(Entry e) {
    return e.meter.config();
  }

  void configureMeter(Entry e, MeterConfig config) {
    e.meter.configure(config);
  }

  void requireCounter() {
    if (counter == null) {
      throw new EntryException(Kind.INVALID, table + " has no direct counter");
    }
  }

  void requireMeter() {
    if (meter == null) {
      throw new EntryException(Kind.INVALID, table + " has no direct meter");
    }
  }
}
