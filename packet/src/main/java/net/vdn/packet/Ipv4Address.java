package net.vdn.packet;

/**
 * An IPv4 address. Written in dotted-quad form only (four decimal octets 0..255, no leading signs,
 * no host names: nothing is ever looked up).
 */
public record Ipv4Address(int value) implements Comparable<Ipv4Address> {
  /** Parses {@code a.b.c.d}; anything else is refused. */
  public static Ipv4Address parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 15) {
      throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
    }
    int v = 0;
    int octets = 0;
    int at = 0;
    while (at <= text.length()) {
      int end = text.indexOf('.', at);
      if (end < 0) {
        end = text.length();
      }
      int length = end - at;
      if (length < 1 || length > 3 || octets == 4) {
        throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
      }
      int octet = 0;
      for (int i = at; i < end; i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        octet = octet * 10 + (c - '0');
      }
      if (octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
      }
      v = (v << 8) | octet;
      octets++;
      at = end + 1;
    }
    if (octets != 4) {
      throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
    }
    return new Ipv4Address(v);
  }

  /** Whether {@code text} is an address {@link #parse} takes. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The four bytes at {@code offset} of {@code bytes}, in network order. */
  public static Ipv4Address of(byte[] bytes, int offset) {
    if (offset < 0 || offset + 4 > bytes.length) {
      throw new IllegalArgumentException("an IPv4 address needs 4 bytes at " + offset);
    }
    return new Ipv4Address(
        ((bytes[offset] & 0xff) << 24)
            | ((bytes[offset + 1] & 0xff) << 16)
            | ((bytes[offset + 2] & 0xff) << 8)
            | (bytes[offset + 3] & 0xff));
  }

  /** The address as an unsigned number, 0..2^32-1. */
  public long unsigned() {
    return value & 0xffff_ffffL;
  }

  public byte[] bytes() {
    byte[] out = new byte[4];
    writeTo(out, 0);
    return out;
  }

  /** Writes the four bytes into {@code out} at {@code offset}, in network order. */
  public void writeTo(byte[] out, int offset) {
    out[offset] = (byte) (value >>> 24);
    out[offset + 1] = (byte) (value >>> 16);
    out[offset + 2] = (byte) (value >>> 8);
    out[offset + 3] = (byte) value;
  }

  @Override
  public int compareTo(Ipv4Address o) {
    return Integer.compareUnsigned(value, o.value);
  }

  @Override
  public String toString() {
    return (value >>> 24)
        + "."
        + ((value >>> 16) & 255)
        + "."
        + ((value >>> 8) & 255)
        + "."
        + (value & 255);
  }
}
