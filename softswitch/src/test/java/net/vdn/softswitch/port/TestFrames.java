package net.vdn.softswitch.port;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Ethernet frames for tests on interfaces: tagged or not, with a marker to find them by. */
final class TestFrames {
  static final String DST = "02:00:00:00:0b:01";
  static final String SRC = "02:00:00:00:0a:01";

  /** An experimental EtherType (IEEE 802 local experimental 1), so no stack takes the frames. */
  static final int EXPERIMENTAL = 0x88b5;

  private TestFrames() {}

  static byte[] mac(String text) {
    return HexFormat.ofDelimiter(":").parseHex(text);
  }

  /**
   * A frame from {@link #SRC} to {@link #DST}: {@code tags} as (TPID, TCI) pairs, outer first, then
   * the EtherType, then {@code payload} bytes counting 0, 1, 2... from {@code marker}.
   */
  static byte[] frame(int payload, int marker, int... tags) {
    ByteBuffer b = ByteBuffer.allocate(14 + 2 * tags.length + payload);
    b.put(mac(DST)).put(mac(SRC));
    for (int tag : tags) {
      b.putShort((short) tag);
    }
    b.putShort((short) EXPERIMENTAL);
    for (int i = 0; i < payload; i++) {
      b.put((byte) (marker + i));
    }
    return b.array();
  }

  static boolean fromTest(byte[] frame) {
    return frame.length >= 12 && Arrays.equals(frame, 6, 12, mac(SRC), 0, 6);
  }

  /** The next of the test's frames in {@code queue}, or null after {@code millis}. */
  static byte[] next(BlockingQueue<byte[]> queue, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      byte[] frame = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (frame == null || fromTest(frame)) {
        return frame;
      }
    }
  }

  /** The next of the test's frames {@code reader} receives, or null after {@code millis}. */
  static byte[] next(PacketSocket.Reader reader, long millis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      if (reader.next() && !reader.outgoing() && fromTest(reader.frame())) {
        return reader.frame();
      }
    }
    return null;
  }
}
