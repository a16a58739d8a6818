package net.vdn.openflow.internal;

import io.netty.buffer.ByteBuf;
import java.util.BitSet;

/**
 * An OFPT_HELLO of any version: the version in its header and, when it carries one, its version
 * bitmap. Decoded here rather than by openflowj so that a peer of a newer, unknown version still
 * negotiates.
 */
record Hello(int headerVersion, long xid, BitSet versions) {
  static final int TYPE = 0;
  static final int OF_13 = 4;
  private static final int ELEM_VERSIONBITMAP = 1;

  /** Reads a whole HELLO frame (header included). */
  static Hello parse(ByteBuf frame) {
    int start = frame.readerIndex();
    int length = frame.getUnsignedShort(start + 2);
    long xid = frame.getUnsignedInt(start + 4);
    BitSet versions = null;
    int at = start + 8;
    while (at + 4 <= start + length) {
      int type = frame.getUnsignedShort(at);
      int elemLength = frame.getUnsignedShort(at + 2);
      if (elemLength < 4 || at + elemLength > start + length) {
        throw new BadFrameException(
            "HELLO element of type " + type + " has a bad length " + elemLength);
      }
      if (type == ELEM_VERSIONBITMAP) {
        versions = new BitSet();
        for (int w = 0; at + 4 + 4 * w + 4 <= at + elemLength; w++) {
          long bits = frame.getUnsignedInt(at + 4 + 4 * w);
          for (int b = 0; b < 32; b++) {
            if ((bits & (1L << b)) != 0) {
              versions.set(32 * w + b);
            }
          }
        }
      }
      at += (elemLength + 7) / 8 * 8;
    }
    return new Hello(frame.getUnsignedByte(start), xid, versions);
  }

  /**
   * The version both sides speak, given that this side speaks only 1.3, or -1 when there is none:
   * with a bitmap, 1.3 must be in it; without one, the lower of the two header versions is used.
   */
  int negotiate() {
    if (versions != null) {
      return versions.get(OF_13) ? OF_13 : -1;
    }
    return Math.min(headerVersion, OF_13) == OF_13 ? OF_13 : -1;
  }

  /** The wire versions the peer offered, for messages ("1.0, 1.3"). */
  String offered() {
    if (versions == null) {
      return "up to " + versionName(headerVersion);
    }
    StringBuilder s = new StringBuilder();
    versions.stream().forEach(v -> s.append(s.isEmpty() ? "" : ", ").append(versionName(v)));
    return s.toString();
  }

  static String versionName(int wire) {
    return wire >= 1 && wire <= 6 ? "1." + (wire - 1) : "0x" + Integer.toHexString(wire);
  }
}
