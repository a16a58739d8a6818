package net.vdn.softswitch.extern;

import java.util.Locale;

/** The hash and checksum algorithms of BMv2 calculations that this target implements. */
public enum HashAlgorithm {
  /** CRC-16 with polynomial 0x8005, reflected, initial value 0, no final xor (CRC-16/ARC). */
  CRC16(16),
  /** The IEEE 802.3 CRC-32. */
  CRC32(32),
  /** The Internet checksum (RFC 1071): one's complement of the one's complement sum. */
  CSUM16(16),
  /** Exclusive or of all 16-bit words. */
  XOR16(16),
  /** The input itself, as a big-endian number (its last 8 bytes). */
  IDENTITY(64);

  private static final int[] CRC16_TABLE = table(0xA001);
  private static final int[] CRC32_TABLE = table(0xEDB88320);

  private final int width;

  HashAlgorithm(int width) {
    this.width = width;
  }

  /** Output width in bits. */
  public int width() {
    return width;
  }

  /** The algorithm for a BMv2 {@code algo} name, or null when it is not implemented. */
  public static HashAlgorithm of(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "crc16" -> CRC16;
      case "crc32" -> CRC32;
      case "csum16" -> CSUM16;
      case "xor16" -> XOR16;
      case "identity" -> IDENTITY;
      default -> null;
    };
  }

  public long compute(byte[] b, int length) {
    switch (this) {
      case CRC16 -> {
        int crc = 0;
        for (int i = 0; i < length; i++) {
          crc = (crc >>> 8) ^ CRC16_TABLE[(crc ^ b[i]) & 0xff];
        }
        return crc & 0xffff;
      }
      case CRC32 -> {
        int crc = 0xffffffff;
        for (int i = 0; i < length; i++) {
          crc = (crc >>> 8) ^ CRC32_TABLE[(crc ^ b[i]) & 0xff];
        }
        return ~crc & 0xffffffffL;
      }
      case CSUM16 -> {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
          int hi = b[i] & 0xff;
          int lo = i + 1 < length ? b[i + 1] & 0xff : 0;
          sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
          sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
      }
      case XOR16 -> {
        int x = 0;
        for (int i = 0; i < length; i += 2) {
          int hi = b[i] & 0xff;
          int lo = i + 1 < length ? b[i + 1] & 0xff : 0;
          x ^= (hi << 8) | lo;
        }
        return x;
      }
      case IDENTITY -> {
        long v = 0;
        for (int i = Math.max(0, length - 8); i < length; i++) {
          v = (v << 8) | (b[i] & 0xff);
        }
        return v;
      }
      default -> throw new IllegalStateException(name());
    }
  }

  private static int[] table(int reflectedPolynomial) {
    int[] t = new int[256];
    for (int i = 0; i < 256; i++) {
      int c = i;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ reflectedPolynomial : c >>> 1;
      }
      t[i] = c;
    }
    return t;
  }
}
