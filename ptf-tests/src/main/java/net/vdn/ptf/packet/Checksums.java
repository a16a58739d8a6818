package net.vdn.ptf.packet;

/** The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum. */
public final class Checksums {
  private Checksums() {}

  /** The checksum of {@code length} bytes of {@code data} from {@code offset}. */
  public static int internet(byte[] data, int offset, int length) {
    return finish(sum(0, data, offset, length));
  }

  /** Adds 16-bit big-endian words to a running 32-bit sum; an odd last byte is padded with 0. */
  static long sum(long sum, byte[] data, int offset, int length) {
    int i = offset;
    int end = offset + length;
    for (; i + 1 < end; i += 2) {
      sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
    }
    if (i < end) {
      sum += (data[i] & 0xff) << 8;
    }
    return sum;
  }

  static int finish(long sum) {
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }
}
