package net.vdn.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Classic pcap files (Ethernet, microsecond timestamps) as BMv2's {@code --use-files} uses. */
final class PcapFile {
  /** One record: its timestamp in microseconds since the epoch and its bytes. */
  record Packet(long micros, byte[] bytes) {}

  private PcapFile() {}

  /** Writes packets with timestamps 1 µs apart, so a reader keeps their order. */
  static void write(Path file, List<byte[]> packets, List<Long> micros) throws IOException {
    long size = 24;
    for (byte[] p : packets) {
      size += 16 + p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    b.putInt(65535).putInt(1);
    for (int i = 0; i < packets.size(); i++) {
      byte[] p = packets.get(i);
      long t = micros.get(i);
      b.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000));
      b.putInt(p.length).putInt(p.length).put(p);
    }
    Files.write(file, b.array());
  }

  /** The complete records of a file; a missing or partly written file reads as what is there. */
  static List<Packet> read(Path file) throws IOException {
    List<Packet> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 24) {
      return out;
    }
    if (b.getInt(0) != 0xa1b2c3d4) {
      b.order(ByteOrder.BIG_ENDIAN);
    }
    b.position(24);
    while (b.remaining() >= 16) {
      long sec = Integer.toUnsignedLong(b.getInt());
      long usec = Integer.toUnsignedLong(b.getInt());
      int caplen = b.getInt();
      b.getInt();
      if (b.remaining() < caplen) {
        break;
      }
      byte[] p = new byte[caplen];
      b.get(p);
      out.add(new Packet(sec * 1_000_000 + usec, p));
    }
    return out;
  }
}
