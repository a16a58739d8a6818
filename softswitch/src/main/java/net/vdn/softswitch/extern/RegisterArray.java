package net.vdn.softswitch.extern;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import net.vdn.softswitch.runtime.Bits;

/**
 * A register array: {@code size} cells of {@code bitwidth} bits, zero at load time.
 *
 * <p>Thread-safe as BMv2's are: every access holds the array's {@link #lock()}, and an action that
 * reads or writes registers holds the locks of all the arrays it uses for its whole run (taken in
 * the order of their ids), so a read-modify-write in one action is atomic with respect to other
 * workers.
 */
public final class RegisterArray {
  private final String name;
  private final int id;
  private final int size;
  private final int bitwidth;
  private final int words;
  private final long[] cells;
  private final ReentrantLock lock = new ReentrantLock();

  public RegisterArray(String name, int id, int size, int bitwidth) {
    this.name = name;
    this.id = id;
    this.size = size;
    this.bitwidth = bitwidth;
    this.words = (bitwidth + 63) >>> 6;
    this.cells = new long[size * words];
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

  public int bitwidth() {
    return bitwidth;
  }

  /** The lock every access to the cells holds; reentrant. */
  public ReentrantLock lock() {
    return lock;
  }

  /** The low 64 bits of a cell; 0 when the index is out of range. */
  public long read(long index) {
    lock.lock();
    try {
      return index < 0 || index >= size ? 0 : cells[(int) index * words];
    } finally {
      lock.unlock();
    }
  }

  /** A cell as a number; zero when the index is out of range. */
  public BigInteger readBig(long index) {
    lock.lock();
    try {
      return index < 0 || index >= size
          ? BigInteger.ZERO
          : Bits.toBig(cells, (int) index * words, words);
    } finally {
      lock.unlock();
    }
  }

  /** Writes a cell (truncated to the bit width); out-of-range indexes are ignored as in BMv2. */
  public void write(long index, long value) {
    lock.lock();
    try {
      if (index >= 0 && index < size) {
        if (words == 1) {
          cells[(int) index] = value & Bits.mask(bitwidth);
        } else {
          Bits.fromBig(BigInteger.valueOf(value), bitwidth, cells, (int) index * words);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  public void writeBig(long index, BigInteger value) {
    lock.lock();
    try {
      if (index >= 0 && index < size) {
        Bits.fromBig(value, bitwidth, cells, (int) index * words);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Control-plane read of one cell as big-endian bytes of {@code ceil(bitwidth/8)} length. */
  public byte[] get(int index) {
    lock.lock();
    try {
      checkIndex(index);
      byte[] out = new byte[(bitwidth + 7) >>> 3];
      Bits.wordsToBytes(cells, index * words, bitwidth, out, 0);
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Control-plane write of one cell from big-endian bytes. */
  public void put(int index, byte[] value) {
    checkIndex(index);
    writeBig(index, new BigInteger(1, value));
  }

  public void reset() {
    lock.lock();
    try {
      Arrays.fill(cells, 0);
    } finally {
      lock.unlock();
    }
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(
          "register '" + name + "' has " + size + " cells, index " + index);
    }
  }
}
