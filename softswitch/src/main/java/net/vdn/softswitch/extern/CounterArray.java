package net.vdn.softswitch.extern;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * An indirect counter array; BMv2 counters always count both packets and bytes.
 *
 * <p>Workers count concurrently and exactly: each cell is kept in {@link #STRIPES} stripes, a
 * worker adds to its own stripe ({@code stripe} of {@link #count}) with an atomic add, so workers
 * on different stripes never touch the same cache line and two on the same stripe lose nothing. A
 * read is the sum of the stripes. Reads, writes and resets are the control plane's, made while no
 * packet is being processed (under {@link net.vdn.softswitch.Switch#lock()}).
 */
public final class CounterArray {
  /** Stripes per counter: a power of two, up to 4, no more than the machine's cores need. */
  public static final int STRIPES =
      Math.min(4, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors())));

  private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

  private final String name;
  private final int id;
  private final int size;

  /** Per stripe: packets and bytes of each cell, side by side. */
  private final long[][] stripes = new long[STRIPES][];

  public CounterArray(String name, int id, int size) {
    this.name = name;
    this.id = id;
    this.size = size;
    for (int s = 0; s < STRIPES; s++) {
      stripes[s] = new long[size * 2];
    }
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  public int size() {
    return size;
  }

  /** Counts one packet of {@code length} bytes; out-of-range indexes are ignored. */
  public void count(long index, int length) {
    count(0, index, length);
  }

  /**
   * Counts one packet of {@code length} bytes in the caller's stripe (any int: it is taken modulo
   * the stripe count); out-of-range indexes are ignored. Thread-safe.
   */
  public void count(int stripe, long index, int length) {
    if (index >= 0 && index < size) {
      long[] cells = stripes[stripe & (STRIPES - 1)];
      int at = (int) index * 2;
      CELLS.getAndAdd(cells, at, 1L);
      CELLS.getAndAdd(cells, at + 1, (long) length);
    }
  }

  public CounterData read(int index) {
    checkIndex(index);
    long packets = 0;
    long bytes = 0;
    for (long[] cells : stripes) {
      packets += (long) CELLS.getVolatile(cells, index * 2);
      bytes += (long) CELLS.getVolatile(cells, index * 2 + 1);
    }
    return new CounterData(packets, bytes);
  }

  public void write(int index, CounterData value) {
    checkIndex(index);
    for (long[] cells : stripes) {
      CELLS.setVolatile(cells, index * 2, 0L);
      CELLS.setVolatile(cells, index * 2 + 1, 0L);
    }
    CELLS.setVolatile(stripes[0], index * 2, value.packets());
    CELLS.setVolatile(stripes[0], index * 2 + 1, value.bytes());
  }

  public void reset() {
    for (long[] cells : stripes) {
      Arrays.fill(cells, 0);
    }
    VarHandle.fullFence();
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(
          "counter '" + name + "' has " + size + " cells, index " + index);
    }
  }
}
