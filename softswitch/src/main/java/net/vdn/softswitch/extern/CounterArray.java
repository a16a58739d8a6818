package net.vdn.softswitch.extern;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * An indirect counter array; BMv2 counters always count both packets and bytes.
 *
 * <p>Workers count concurrently and exactly: each cell is kept in {@link #STRIPES} stripes, a
 * worker adds to its own stripe ({@code stripe} of {@link #count}) with an atomic add, so workers
 * on different stripes never touch the same cache line (stripes are padded at both ends) and two on
 * the same stripe lose nothing. A read is the sum of the stripes. Reads, writes and resets are the
 * control plane's, made while no packet is being processed (under {@link
 * net.vdn.softswitch.Switch#lock()}).
 */
public final class CounterArray {
  /** Stripes per counter: a power of two, up to 4, no more than the machine's cores need. */
  public static final int STRIPES =
      Math.min(4, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors())));

  private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

  /**
   * Longs before the first cell and after the last of each stripe (a cache line each), so that no
   * stripe's cells share a line with another stripe or another object.
   */
  private static final int PAD = 8;

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
      stripes[s] = new long[PAD + size * 2 + PAD];
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
      int at = PAD + (int) index * 2;
      CELLS.getAndAdd(cells, at, 1L);
      CELLS.getAndAdd(cells, at + 1, (long) length);
    }
  }

  public CounterData read(int index) {
    checkIndex(index);
    long packets = 0;
    long bytes = 0;
    int at = PAD + index * 2;
    for (long[] cells : stripes) {
      packets += (long) CELLS.getVolatile(cells, at);
      bytes += (long) CELLS.getVolatile(cells, at + 1);
    }
    return new CounterData(packets, bytes);
  }

  public void write(int index, CounterData value) {
    checkIndex(index);
    int at = PAD + index * 2;
    for (long[] cells : stripes) {
      CELLS.setVolatile(cells, at, 0L);
      CELLS.setVolatile(cells, at + 1, 0L);
    }
    CELLS.setVolatile(stripes[0], at, value.packets());
    CELLS.setVolatile(stripes[0], at + 1, value.bytes());
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
