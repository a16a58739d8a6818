package net.vdn.softswitch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Test programs and packets. */
final class Fixtures {
  private Fixtures() {}

  static byte[] resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/programs/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A clock that only moves when told to. */
  static final class ManualClock {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    long now() {
      return nanos.get();
    }

    void advanceMillis(long ms) {
      nanos.addAndGet(ms * 1_000_000L);
    }
  }

  static Switch load(String name, ManualClock clock) {
    return Switch.load(
        resource(name), SwitchConfig.defaults().withCpuPort(255).withClock(clock::now));
  }

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", "").replace(":", ""));
  }

  static byte[] mac(String mac) {
    return bytes(mac);
  }

  static byte[] ip(int a, int b, int c, int d) {
    return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
  }

  /** An Ethernet frame with an IPv4 header (correct checksum) and a small payload. */
  static byte[] ipv4Packet(String dstMac, String srcMac, byte[] src, byte[] dst, int ttl) {
    byte[] p = new byte[14 + 20 + 6];
    System.arraycopy(bytes(dstMac), 0, p, 0, 6);
    System.arraycopy(bytes(srcMac), 0, p, 6, 6);
    p[12] = 0x08;
    p[13] = 0x00;
    p[14] = 0x45;
    p[16] = 0;
    p[17] = 26;
    p[22] = (byte) ttl;
    p[23] = 17;
    System.arraycopy(src, 0, p, 26, 4);
    System.arraycopy(dst, 0, p, 30, 4);
    int sum = ipv4Checksum(p, 14);
    p[24] = (byte) (sum >>> 8);
    p[25] = (byte) sum;
    for (int i = 34; i < p.length; i++) {
      p[i] = (byte) (0xA0 + i);
    }
    return p;
  }

  /** The Internet checksum of the 20-byte IPv4 header at {@code off}, checksum field as zero. */
  static int ipv4Checksum(byte[] p, int off) {
    int sum = 0;
    for (int i = 0; i < 20; i += 2) {
      if (i == 10) {
        continue;
      }
      sum += ((p[off + i] & 0xff) << 8) | (p[off + i + 1] & 0xff);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return ~sum & 0xffff;
  }

  static byte[] ethernet(String dstMac, String srcMac, int etherType, int payload) {
    byte[] p = new byte[14 + payload];
    System.arraycopy(bytes(dstMac), 0, p, 0, 6);
    System.arraycopy(bytes(srcMac), 0, p, 6, 6);
    p[12] = (byte) (etherType >>> 8);
    p[13] = (byte) etherType;
    for (int i = 14; i < p.length; i++) {
      p[i] = (byte) i;
    }
    return p;
  }
}
