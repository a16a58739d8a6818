package net.vdn.softswitch.extern;

import java.math.BigInteger;
import java.util.Arrays;
import net.vdn.softswitch.runtime.Bits;

/**
 * A register array: {@code size} cells of {@code bitwidth} bits, zero at load time. Not
 * thread-safe: use it under {@link net.vdn.softswitch.Switch#lock()}.
 */
public final class RegisterArray {
  private final String name;
  private final int id;
  private final int size;
  private final int bitwidth;
  private final int words;
  private final long[] cells;

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

  /** The low 64 bits of a cell; 0 when the index is out of range. */
  public long read(long index) {
    return index < 0 || index >= size ? 0 : cells[(int) index * words];
  }

  /** A cell as a number; zero when the index is out of range. */
  public BigInteger readBig(long index) {
    return index < 0 || index >= size
        ? BigInteger.ZERO
        : Bits.toBig(cells, (int) index * words, words);
  }

  /** Writes a cell (truncated to the bit width); out-of-range indexes are ignored as in BMv2. */
  public void write(long index, long value) {
    if (index >= 0 && index < size) {
      if (words == 1) {
        cells[(int) index] = value & Bits.mask(bitwidth);
      } else {
        Bits.fromBig(BigInteger.valueOf(value), bitwidth, cells, (int) index * words);
      }
    }
  }

  public void writeBig(long index, BigInteger value) {
    if (index >= 0 && index < size) {
      Bits.fromBig(value, bitwidth, cells, (int) index * words);
    }
  }

  /** Control-plane read of one cell as big-endian bytes of {@code ceil(bitwidth/8)} length. */
  public byte[] get(int index) {
    checkIndex(index);
    byte[] out = new byte[(bitwidth + 7) >>> 3];
    Bits.wordsToBytes(cells, index * words, bitwidth, out, 0);
    return out;
  }

  /** Control-plane write of one cell from big-endian bytes. */
  public void put(int index, byte[] value) {
    checkIndex(index);
    writeBig(index, new BigInteger(1, value));
  }

  public void reset() {
    Arrays.fill(cells, 0);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(
          "register '" + name + "' has " + size + " cells, index " + index);
    }
  }
}
