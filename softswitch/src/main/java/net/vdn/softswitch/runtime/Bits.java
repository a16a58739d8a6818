package net.vdn.softswitch.runtime;

import java.math.BigInteger;

/** Big-endian bit-string access on byte arrays and conversions between words and numbers. */
public final class Bits {
  private Bits() {}

  /** A mask of the low {@code width} bits (all ones for 64 and more). */
  public static long mask(int width) {
    return width >= 64 ? -1L : (1L << width) - 1;
  }

  /** Reads {@code width <= 64} bits starting at bit {@code bitOffset} (bit 0 = MSB of byte 0). */
  public static long get(byte[] b, int bitOffset, int width) {
    int end = bitOffset + width;
    int first = bitOffset >>> 3;
    int last = (end - 1) >>> 3;
    if (last - first >= 8) {
      long hi = get(b, bitOffset, width - 32);
      long lo = get(b, end - 32, 32);
      return (hi << 32) | lo;
    }
    long v = 0;
    for (int i = first; i <= last; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    v >>>= ((last + 1) << 3) - end;
    return v & mask(width);
  }

  /** Writes the low {@code width <= 64} bits of {@code value} starting at bit {@code bitOffset}. */
  public static void set(byte[] b, int bitOffset, int width, long value) {
    int pos = bitOffset + width;
    long v = value;
    int remaining = width;
    while (remaining > 0) {
      int byteIndex = (pos - 1) >>> 3;
      int shift = 7 - ((pos - 1) & 7);
      int n = Math.min(remaining, 8 - shift);
      int m = ((1 << n) - 1) << shift;
      b[byteIndex] = (byte) ((b[byteIndex] & ~m) | (((int) v << shift) & m));
      v >>>= n;
      remaining -= n;
      pos -= n;
    }
  }

  /** Reads a field of any width into consecutive words, least significant word first. */
  public static void getWords(byte[] b, int bitOffset, int width, long[] dst, int slot) {
    int end = bitOffset + width;
    int words = (width + 63) >>> 6;
    for (int w = 0; w < words; w++) {
      int chunk = Math.min(64, width - 64 * w);
      dst[slot + w] = get(b, end - 64 * w - chunk, chunk);
    }
  }

  /** Writes consecutive words (least significant first) as a field of any width. */
  public static void setWords(byte[] b, int bitOffset, int width, long[] src, int slot) {
    int end = bitOffset + width;
    int words = (width + 63) >>> 6;
    for (int w = 0; w < words; w++) {
      int chunk = Math.min(64, width - 64 * w);
      set(b, end - 64 * w - chunk, chunk, src[slot + w]);
    }
  }

  /** The unsigned number held in {@code words} words starting at {@code slot}. */
  public static BigInteger toBig(long[] src, int slot, int words) {
    BigInteger v = BigInteger.ZERO;
    for (int w = words - 1; w >= 0; w--) {
      v = v.shiftLeft(64).or(unsigned(src[slot + w]));
    }
    return v;
  }

  public static BigInteger unsigned(long word) {
    BigInteger v = BigInteger.valueOf(word & Long.MAX_VALUE);
    return word < 0 ? v.setBit(63) : v;
  }

  /** Stores the low {@code width} bits of {@code value} (two's complement) into words. */
  public static void fromBig(BigInteger value, int width, long[] dst, int slot) {
    int words = (width + 63) >>> 6;
    for (int w = 0; w < words; w++) {
      long word = value.shiftRight(64 * w).longValue();
      int chunk = Math.min(64, width - 64 * w);
      dst[slot + w] = word & mask(chunk);
    }
  }

  /** The big-endian bytes ({@code ceil(width/8)} of them) of a field held in words. */
  public static void wordsToBytes(long[] src, int slot, int width, byte[] dst, int offset) {
    int bytes = (width + 7) >>> 3;
    for (int i = 0; i < bytes; i++) {
      int bit = 8 * i;
      long word = src[slot + (bit >>> 6)];
      dst[offset + bytes - 1 - i] = (byte) (word >>> (bit & 63));
    }
  }

  /** Reads {@code ceil(width/8)} big-endian bytes into words (extra high bits are dropped). */
  public static void bytesToWords(byte[] src, int offset, int width, long[] dst, int slot) {
    int bytes = (width + 7) >>> 3;
    int words = (width + 63) >>> 6;
    for (int w = 0; w < words; w++) {
      dst[slot + w] = 0;
    }
    for (int i = 0; i < bytes; i++) {
      int bit = 8 * i;
      dst[slot + (bit >>> 6)] |= (src[offset + bytes - 1 - i] & 0xffL) << (bit & 63);
    }
    int top = words - 1;
    dst[slot + top] &= mask(width - 64 * top);
  }
}
