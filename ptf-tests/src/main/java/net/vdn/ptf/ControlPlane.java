package net.vdn.ptf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.ReadQuery;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.MeterConfig;
import net.vdn.p4runtime.entity.MeterEntry;

/**
 * The P4Runtime side of a packet test, by name: packet-outs, expected packet-ins, counters and
 * meters. Wraps a connected, primary {@link P4RuntimeClient}.
 */
public final class ControlPlane {
  private final P4RuntimeClient client;

  public ControlPlane(P4RuntimeClient client) {
    this.client = client;
  }

  public P4RuntimeClient client() {
    return client;
  }

  /** Sends a packet-out with controller metadata given by name. */
  public void packetOut(byte[] frame, Map<String, Long> metadata) {
    Map<String, Value> values = new HashMap<>();
    metadata.forEach((k, v) -> values.put(k, Value.of(v)));
    client.sendPacket(frame, values);
  }

  /**
   * Expects a packet-in whose payload matches and whose metadata has these values, waiting up to
   * {@link Dataplane#DEFAULT_TIMEOUT}; returns it.
   */
  public PacketIn expectPacketIn(Mask payload, Map<String, Long> metadata) {
    PacketIn in;
    try {
      in = client.packetIns().poll(Dataplane.DEFAULT_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a packet-in", e);
    }
    if (in == null) {
      throw new AssertionError(
          "expected a packet-in within "
              + Dataplane.DEFAULT_TIMEOUT.toMillis()
              + " ms, got none\n  expected: "
              + Mask.dump(payload.expected(), null));
    }
    if (!payload.matches(in.payload())) {
      throw new AssertionError("packet-in differs: " + payload.describeMismatch(in.payload()));
    }
    metadata.forEach(
        (name, value) -> {
          Value got = in.get(name);
          if (!Value.of(value).equals(got)) {
            throw new AssertionError(
                "packet-in metadata " + name + ": expected " + value + ", got " + got);
          }
        });
    return in;
  }

  public PacketIn expectPacketIn(byte[] payload, Map<String, Long> metadata) {
    return expectPacketIn(Mask.exact(payload), metadata);
  }

  /** Expects no packet-in within {@link Dataplane#NO_PACKET_WINDOW}. */
  public void expectNoPacketIn() {
    PacketIn in;
    try {
      in = client.packetIns().poll(Dataplane.NO_PACKET_WINDOW);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while watching packet-ins", e);
    }
    if (in != null) {
      throw new AssertionError(
          "expected no packet-in, got " + in.metadata() + " " + Mask.dump(in.payload(), null));
    }
  }

  /** Forgets packet-ins received so far. */
  public void drainPacketIns() {
    client.packetIns().drain();
  }

  /** One cell of an indirect counter. */
  public CounterData counter(String counter, long index) {
    List<Entity> read = client.read(ReadQuery.key(new CounterEntry(counter, index, null)));
    if (read.size() != 1 || !(read.getFirst() instanceof CounterEntry c)) {
      throw new AssertionError("reading " + counter + "[" + index + "] returned " + read);
    }
    return c.data() == null ? CounterData.ZERO : c.data();
  }

  /** Sets one cell of an indirect meter; a null config resets it to let everything pass. */
  public void setMeter(String meter, long index, MeterConfig config) {
    client.modify(new MeterEntry(meter, index, config));
  }

  /** One cell of an indirect meter; null when it has no config. */
  public MeterConfig meter(String meter, long index) {
    List<Entity> read = client.read(ReadQuery.key(new MeterEntry(meter, index, null)));
    if (read.size() != 1 || !(read.getFirst() instanceof MeterEntry m)) {
      throw new AssertionError("reading " + meter + "[" + index + "] returned " + read);
    }
    return m.config();
  }

  /**
   * Brings the switch back to a just-pushed pipeline without pushing it again: deletes every table
   * entry, multicast group and clone session, zeroes every counter cell and clears every meter
   * cell. (Pushing the pipeline again is no reset on BMv2: its replication engine keeps the old
   * groups while P4Runtime forgets them, and groups written afterwards replicate twice.)
   */
  public void resetState() {
    List<Entity> doomed = new ArrayList<>();
    doomed.addAll(client.read(ReadQuery.allTables()));
    doomed.addAll(client.read(new ReadQuery.MulticastGroups()));
    doomed.addAll(client.read(new ReadQuery.CloneSessions()));
    if (!doomed.isEmpty()) {
      client.delete(doomed.toArray(Entity[]::new));
    }
    List<Entity> cells = new ArrayList<>();
    for (var counter : client.p4info().p4info().getCountersList()) {
      for (Entity e : client.read(ReadQuery.counter(counter.getPreamble().getName()))) {
        if (e instanceof CounterEntry c && c.data() != null && !c.data().equals(CounterData.ZERO)) {
          cells.add(new CounterEntry(c.counter(), c.index(), CounterData.ZERO));
        }
      }
    }
    for (var meter : client.p4info().p4info().getMetersList()) {
      for (Entity e : client.read(ReadQuery.meter(meter.getPreamble().getName()))) {
        if (e instanceof MeterEntry m && m.config() != null) {
          cells.add(new MeterEntry(m.meter(), m.index(), null));
        }
      }
    }
    if (!cells.isEmpty()) {
      client.modify(cells.toArray(Entity[]::new));
    }
  }
}
