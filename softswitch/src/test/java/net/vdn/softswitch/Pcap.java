package net.vdn.softswitch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Minimal classic pcap files (Ethernet link type), as BMv2's {@code --use-files} reads them. */
final class Pcap {
  private Pcap() {}

  static void write(Path file, List<byte[]> packets) throws IOException {
    int size = 24;
    for (byte[] p : packets) {
      size += 16 + p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    b.putInt(65535).putInt(1);
    int second = 1;
    for (byte[] p : packets) {
      b.putInt(second++).putInt(0).putInt(p.length).putInt(p.length).put(p);
    }
    Files.write(file, b.array());
  }

  /** The packets of a pcap file; a missing or partly written file reads as what is complete. */
  static List<byte[]> read(Path file) throws IOException {
    List<byte[]> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 24) {
      return out;
    }
    b.position(24);
    while (b.remaining() >= 16) {
      b.getInt();
      b.getInt();
      int length = b.getInt();
      b.getInt();
      if (b.remaining() < length) {
        break;
      }
      byte[] p = new byte[length];
      b.get(p);
      out.add(p);
    }
    return out;
  }
}
