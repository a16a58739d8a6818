package net.vdn.softswitch.extern;

/**
 * An indirect meter array of {@code size} meters that measure bytes or packets. Workers mark
 * packets concurrently (each {@link Meter} is thread-safe); configuration is the control plane's.
 */
public final class MeterArray {
  private final String name;
  private final int id;
  private final boolean bytes;
  private final Meter[] meters;

  public MeterArray(String name, int id, int size, boolean bytes) {
    this.name = name;
    this.id = id;
    this.bytes = bytes;
    this.meters = new Meter[size];
    for (int i = 0; i < size; i++) {
      meters[i] = new Meter();
    }
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  public int size() {
    return meters.length;
  }

  /** True when the meter measures bytes, false for packets. */
  public boolean measuresBytes() {
    return bytes;
  }

  /** The color of a packet; GREEN when the index is out of range. */
  public int execute(long index, long nowNanos, int packetLength) {
    if (index < 0 || index >= meters.length) {
      return Meter.GREEN;
    }
    return meters[(int) index].execute(nowNanos, bytes ? packetLength : 1);
  }

  public MeterConfig config(int index) {
    return meter(index).config();
  }

  public void configure(int index, MeterConfig config) {
    meter(index).configure(config);
  }

  private Meter meter(int index) {
    if (index < 0 || index >= meters.length) {
      throw new IndexOutOfBoundsException(
          "meter '" + name + "' has " + meters.length + " cells, index " + index);
    }
    return meters[index];
  }
}
