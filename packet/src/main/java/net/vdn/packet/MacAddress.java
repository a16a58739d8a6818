package net.vdn.packet;

import java.util.HexFormat;

/**
 * A 48-bit Ethernet MAC address. Written as six pairs of hex digits separated by {@code ':'} (or
 * {@code '-'} on input); shown in lower case with colons.
 */
public record MacAddress(long value) {
  public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);

  public MacAddress {
    if (value < 0 || value > 0xffff_ffff_ffffL) {
      throw new IllegalArgumentException("a MAC address has 48 bits, got " + value);
    }
  }

  /** Parses {@code aa:bb:cc:dd:ee:ff} (or with dashes); anything else is refused. */
  public static MacAddress parse(String text) {
    if (text == null || text.length() != 17) {
      throw new IllegalArgumentException("not a MAC address: '" + text + "'");
    }
    char sep = text.charAt(2);
    if (sep != ':' && sep != '-') {
      throw new IllegalArgumentException("not a MAC address: '" + text + "'");
    }
    long v = 0;
    for (int i = 0; i < 6; i++) {
      int at = i * 3;
      if (i > 0 && text.charAt(at - 1) != sep) {
        throw new IllegalArgumentException("not a MAC address: '" + text + "'");
      }
      char hi = text.charAt(at);
      char lo = text.charAt(at + 1);
      if (!HexFormat.isHexDigit(hi) || !HexFormat.isHexDigit(lo)) {
        throw new IllegalArgumentException("not a MAC address: '" + text + "'");
      }
      v = (v << 8) | (HexFormat.fromHexDigit(hi) << 4) | HexFormat.fromHexDigit(lo);
    }
    return new MacAddress(v);
  }

  /** Whether {@code text} is a MAC address {@link #parse} takes. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The six bytes at {@code offset} of {@code bytes}. */
  public static MacAddress of(byte[] bytes, int offset) {
    if (offset < 0 || offset + 6 > bytes.length) {
      throw new IllegalArgumentException("a MAC address needs 6 bytes at " + offset);
    }
    long v = 0;
    for (int i = 0; i < 6; i++) {
      v = (v << 8) | (bytes[offset + i] & 0xff);
    }
    return new MacAddress(v);
  }

  public static MacAddress of(byte[] bytes) {
    if (bytes.length != 6) {
      throw new IllegalArgumentException("a MAC address has 6 bytes, got " + bytes.length);
    }
    return of(bytes, 0);
  }

  public byte[] bytes() {
    byte[] out = new byte[6];
    writeTo(out, 0);
    return out;
  }

  /** Writes the six bytes into {@code out} at {@code offset}. */
  public void writeTo(byte[] out, int offset) {
    for (int i = 0; i < 6; i++) {
      out[offset + i] = (byte) (value >>> (8 * (5 - i)));
    }
  }

  public boolean isMulticast() {
    return (value & 0x0100_0000_0000L) != 0;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(17);
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < 6; i++) {
      if (i > 0) {
        s.append(':');
      }
      s.append(hex.toHexDigits((byte) (value >>> (8 * (5 - i)))));
    }
    return s.toString();
  }
}
