package net.vdn.softswitch.extern;

import java.util.Arrays;

/**
 * An indirect counter array; BMv2 counters always count both packets and bytes. Not thread-safe:
 * use it under {@link net.vdn.softswitch.Switch#lock()}.
 */
public final class CounterArray {
  private final String name;
  private final int id;
  private final long[] packets;
  private final long[] bytes;

  public CounterArray(String name, int id, int size) {
    this.name = name;
    this.id = id;
    this.packets = new long[size];
    this.bytes = new long[size];
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  public int size() {
    return packets.length;
  }

  /** Counts one packet of {@code length} bytes; out-of-range indexes are ignored. */
  public void count(long index, int length) {
    if (index >= 0 && index < packets.length) {
      packets[(int) index]++;
      bytes[(int) index] += length;
    }
  }

  public CounterData read(int index) {
    checkIndex(index);
    return new CounterData(packets[index], bytes[index]);
  }

  public void write(int index, CounterData value) {
    checkIndex(index);
    packets[index] = value.packets();
    bytes[index] = value.bytes();
  }

  public void reset() {
    Arrays.fill(packets, 0);
    Arrays.fill(bytes, 0);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= packets.length) {
      throw new IndexOutOfBoundsException(
          "counter '" + name + "' has " + packets.length + " cells, index " + index);
    }
  }
}
