package net.vdn.emulation;

import java.nio.ByteBuffer;

/**
 * Ethernet, ARP, IPv4, ICMP and UDP frames as the emulated hosts build and read them. Addresses are
 * parsed and written by {@link net.vdn.packet}; here they are bytes (MAC) and ints (IPv4).
 */
final class Frames {
  static final int ETH_IPV4 = 0x0800;
  static final int ETH_ARP = 0x0806;
  static final int PROTO_ICMP = 1;
  static final int PROTO_UDP = 17;

  private Frames() {}

  static byte[] arp(int op, byte[] srcMac, int srcIp, byte[] dstMac, int dstIp) {
    byte[] eth = op == 1 ? new byte[] {-1, -1, -1, -1, -1, -1} : dstMac;
    ByteBuffer b = ByteBuffer.allocate(60);
    b.put(eth).put(srcMac).putShort((short) ETH_ARP);
    b.putShort((short) 1)
        .putShort((short) ETH_IPV4)
        .put((byte) 6)
        .put((byte) 4)
        .putShort((short) op);
    b.put(srcMac).putInt(srcIp).put(op == 1 ? new byte[6] : dstMac).putInt(dstIp);
    return b.array();
  }

  /** An IPv4 frame with a correct header checksum around the given L4 bytes. */
  static byte[] ipv4(byte[] dstMac, byte[] srcMac, int srcIp, int dstIp, int proto, byte[] l4) {
    ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + 20 + l4.length));
    b.put(dstMac).put(srcMac).putShort((short) ETH_IPV4);
    int start = b.position();
    b.put((byte) 0x45)
        .put((byte) 0)
        .putShort((short) (20 + l4.length))
        .putShort((short) 0)
        .putShort((short) 0x4000)
        .put((byte) 64)
        .put((byte) proto)
        .putShort((short) 0)
        .putInt(srcIp)
        .putInt(dstIp);
    byte[] frame = b.array();
    int sum = checksum(frame, start, 20);
    frame[start + 10] = (byte) (sum >>> 8);
    frame[start + 11] = (byte) sum;
    System.arraycopy(l4, 0, frame, start + 20, l4.length);
    return frame;
  }

  static byte[] icmpEcho(int type, int id, int seq, byte[] data) {
    byte[] m = new byte[8 + data.length];
    m[0] = (byte) type;
    m[4] = (byte) (id >>> 8);
    m[5] = (byte) id;
    m[6] = (byte) (seq >>> 8);
    m[7] = (byte) seq;
    System.arraycopy(data, 0, m, 8, data.length);
    int sum = checksum(m, 0, m.length);
    m[2] = (byte) (sum >>> 8);
    m[3] = (byte) sum;
    return m;
  }

  /** A UDP datagram without a checksum (zero is allowed over IPv4). */
  static byte[] udp(int srcPort, int dstPort, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putShort((short) srcPort)
        .putShort((short) dstPort)
        .putShort((short) (8 + payload.length))
        .putShort((short) 0);
    b.put(payload);
    return b.array();
  }

  /** The Internet checksum of a range. */
  static int checksum(byte[] data, int offset, int length) {
    long sum = 0;
    for (int i = 0; i < length - 1; i += 2) {
      sum += ((data[offset + i] & 0xff) << 8) | (data[offset + i + 1] & 0xff);
    }
    if ((length & 1) == 1) {
      sum += (data[offset + length - 1] & 0xff) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  static int u16(byte[] f, int at) {
    return ((f[at] & 0xff) << 8) | (f[at + 1] & 0xff);
  }

  static int u32(byte[] f, int at) {
    return (u16(f, at) << 16) | u16(f, at + 2);
  }
}
