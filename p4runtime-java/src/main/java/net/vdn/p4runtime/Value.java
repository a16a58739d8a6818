package net.vdn.p4runtime;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import net.vdn.packet.Ipv4Address;
import net.vdn.packet.MacAddress;

/**
 * An unsigned P4 bit-string value in P4Runtime's canonical form: the shortest big-endian byte
 * string that holds it, with zero as a single zero byte. Two values are equal when their numbers
 * are equal, whatever padding they were made from.
 */
public final class Value implements Comparable<Value> {
  private static final byte[] ZERO_BYTES = {0};
  public static final Value ZERO = new Value(ZERO_BYTES);

  private final byte[] bytes;

  private Value(byte[] canonical) {
    this.bytes = canonical;
  }

  /** The value of big-endian bytes; leading zero bytes are dropped. */
  public static Value of(byte[] bigEndian) {
    int start = 0;
    while (start < bigEndian.length - 1 && bigEndian[start] == 0) {
      start++;
    }
    if (bigEndian.length == 0 || (bigEndian.length - start == 1 && bigEndian[start] == 0)) {
      return ZERO;
    }
    return new Value(Arrays.copyOfRange(bigEndian, start, bigEndian.length));
  }

  public static Value of(ByteString bigEndian) {
    return of(bigEndian.toByteArray());
  }

  /** A non-negative number. */
  public static Value of(long number) {
    if (number < 0) {
      throw new IllegalArgumentException("P4 bit values are unsigned, got " + number);
    }
    if (number == 0) {
      return ZERO;
    }
    int len = (64 - Long.numberOfLeadingZeros(number) + 7) / 8;
    byte[] out = new byte[len];
    for (int i = len - 1; i >= 0; i--) {
      out[i] = (byte) number;
      number >>>= 8;
    }
    return new Value(out);
  }

  public static Value of(BigInteger number) {
    if (number.signum() < 0) {
      throw new IllegalArgumentException("P4 bit values are unsigned, got " + number);
    }
    return of(number.toByteArray());
  }

  /** A MAC address written as six hex pairs separated by ':' or '-' ({@link MacAddress#parse}). */
  public static Value mac(String mac) {
    return of(MacAddress.parse(mac).bytes());
  }

  /**
   * An IPv4 address in dotted-quad form ({@link Ipv4Address#parse}) or an IPv6 address literal. No
   * host name look-up is ever made.
   */
  public static Value ip(String literal) {
    if (literal == null || literal.indexOf(':') < 0) {
      try {
        return of(Ipv4Address.parse(literal).bytes());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not an IP address literal: '" + literal + "'", e);
      }
    }
    if (!literal.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not an IP address literal: '" + literal + "'");
    }
    try {
      // With a ':' in it, InetAddress reads the text as an IPv6 literal or refuses it: no look-up.
      return of(InetAddress.getByName(literal).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address literal: '" + literal + "'", e);
    }
  }

  /** A value written in hex, with or without a 0x prefix. */
  public static Value hex(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("empty hex value");
    }
    return of(new BigInteger(digits, 16));
  }

  /** The all-ones value of a width, the usual full mask. */
  public static Value ones(int bitwidth) {
    return of(BigInteger.ONE.shiftLeft(bitwidth).subtract(BigInteger.ONE));
  }

  /** Number of bits needed to hold this value (0 for zero). */
  public int bitLength() {
    return (bytes.length - 1) * 8 + 32 - Integer.numberOfLeadingZeros(bytes[0] & 0xff);
  }

  public boolean fits(int bitwidth) {
    return bitLength() <= bitwidth;
  }

  public boolean isZero() {
    return bytes.length == 1 && bytes[0] == 0;
  }

  public BigInteger toBigInteger() {
    return new BigInteger(1, bytes);
  }

  /** The value as a long; fails when it needs more than 63 bits. */
  public long toLong() {
    if (bitLength() > 63) {
      throw new ArithmeticException("value " + this + " does not fit a long");
    }
    return toBigInteger().longValue();
  }

  public Value and(Value other) {
    return of(toBigInteger().and(other.toBigInteger()));
  }

  /** The canonical bytes (a copy). */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  public ByteString toByteString() {
    return ByteString.copyFrom(bytes);
  }

  /** The value padded with leading zeros to exactly {@code (bitwidth + 7) / 8} bytes. */
  public byte[] toPaddedBytes(int bitwidth) {
    int len = (bitwidth + 7) / 8;
    if (bytes.length > len || !fits(bitwidth)) {
      throw new IllegalArgumentException(this + " does not fit " + bitwidth + " bits");
    }
    byte[] out = new byte[len];
    System.arraycopy(bytes, 0, out, len - bytes.length, bytes.length);
    return out;
  }

  @Override
  public int compareTo(Value other) {
    return toBigInteger().compareTo(other.toBigInteger());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Value v && Arrays.equals(bytes, v.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
