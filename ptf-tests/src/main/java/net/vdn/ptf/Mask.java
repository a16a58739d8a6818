package net.vdn.ptf;

import java.util.Arrays;
import java.util.HexFormat;
import net.vdn.ptf.packet.Frames;

/**
 * An expected frame with the bits that matter: a received frame matches when it has the same length
 * and agrees on every bit set in the mask. Immutable; each {@code ignore...} returns a new mask.
 */
public final class Mask {
  private final byte[] expected;
  private final byte[] care;

  private Mask(byte[] expected, byte[] care) {
    this.expected = expected;
    this.care = care;
  }

  /** Every bit of {@code expected} matters. */
  public static Mask exact(byte[] expected) {
    byte[] care = new byte[expected.length];
    Arrays.fill(care, (byte) 0xff);
    return new Mask(expected.clone(), care);
  }

  /** Ignores {@code length} bytes from {@code offset}. */
  public Mask ignoreBytes(int offset, int length) {
    return ignoreBits(offset, length, 0xff);
  }

  /** Ignores the bits of {@code bits} in each of {@code length} bytes from {@code offset}. */
  public Mask ignoreBits(int offset, int length, int bits) {
    if (offset < 0 || offset + length > expected.length) {
      throw new IllegalArgumentException(
          "bytes "
              + offset
              + ".."
              + (offset + length)
              + " are outside a "
              + size()
              + "-byte frame");
    }
    byte[] c = care.clone();
    for (int i = offset; i < offset + length; i++) {
      c[i] &= (byte) ~bits;
    }
    return new Mask(expected, c);
  }

  /** Ignores the IPv4 header checksum. */
  public Mask ignoreIpv4Checksum() {
    return ignoreBytes(Frames.ipv4Offset(expected) + 10, 2);
  }

  /** Ignores the IPv4 TTL (and so, usually, the checksum too: call both). */
  public Mask ignoreIpv4Ttl() {
    return ignoreBytes(Frames.ipv4Offset(expected) + 8, 1);
  }

  /** Ignores the source and destination MAC addresses. */
  public Mask ignoreMacs() {
    return ignoreBytes(0, 12);
  }

  /** Ignores the 802.1Q priority and DEI bits of a tagged frame. */
  public Mask ignoreVlanPriority() {
    if (!Frames.tagged(expected)) {
      throw new IllegalArgumentException("the expected frame has no 802.1Q tag");
    }
    return ignoreBits(14, 1, 0xf0);
  }

  public int size() {
    return expected.length;
  }

  public byte[] expected() {
    return expected.clone();
  }

  public boolean matches(byte[] got) {
    return firstDifference(got) < 0;
  }

  /**
   * The offset of the first byte where {@code got} differs in a bit that matters, the shorter
   * length when one is a prefix of the other, or -1 when it matches.
   */
  public int firstDifference(byte[] got) {
    int common = Math.min(got.length, expected.length);
    for (int i = 0; i < common; i++) {
      if (((got[i] ^ expected[i]) & care[i]) != 0) {
        return i;
      }
    }
    return got.length == expected.length ? -1 : common;
  }

  /** What differs, for a failure message: lengths, the first differing byte and both dumps. */
  public String describeMismatch(byte[] got) {
    int at = firstDifference(got);
    if (at < 0) {
      return "frames match";
    }
    StringBuilder s = new StringBuilder();
    if (got.length != expected.length) {
      s.append("length differs: expected ").append(expected.length);
      s.append(" bytes, got ").append(got.length).append("; ");
    }
    if (at < Math.min(got.length, expected.length)) {
      s.append(
          String.format(
              "first difference at byte %d (0x%04x): expected %02x, got %02x",
              at, at, expected[at] & 0xff, got[at] & 0xff));
      if ((care[at] & 0xff) != 0xff) {
        s.append(String.format(" (mask %02x)", care[at] & 0xff));
      }
    } else {
      s.append("one frame is a prefix of the other");
    }
    s.append("\n  expected: ").append(dump(expected, care));
    s.append("\n  got:      ").append(dump(got, null));
    s.append("\n            ").append(" ".repeat(dumpColumn(at))).append("^");
    return s.toString();
  }

  /** Hex bytes separated by spaces; bytes nobody cares about print as "..". */
  static String dump(byte[] bytes, byte[] care) {
    StringBuilder s = new StringBuilder();
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < bytes.length; i++) {
      if (i > 0) {
        s.append(' ');
      }
      if (care != null && care[i] == 0) {
        s.append("..");
      } else {
        s.append(hex.toHexDigits(bytes[i]));
      }
    }
    return s.toString();
  }

  private static int dumpColumn(int index) {
    return index * 3;
  }

  @Override
  public String toString() {
    return "Mask[" + dump(expected, care) + "]";
  }
}
