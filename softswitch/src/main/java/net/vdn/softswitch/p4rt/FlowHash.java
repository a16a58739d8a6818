package net.vdn.softswitch.p4rt;

/**
 * A frame's flow, as a number: its ingress port and, for IPv4 and IPv6 (after up to two VLAN tags),
 * its addresses, protocol and TCP/UDP/SCTP ports (not for fragments); for other frames its MAC
 * addresses and EtherType. The frames of one flow hash alike, so one worker gets them all, in
 * order.
 */
public final class FlowHash {
  private FlowHash() {}

  /**
   * The worker, of {@code workers}, that a frame received on {@code port} goes to (as the device's
   * data plane picks it; benchmarks split traces the same way).
   */
  public static int workerOf(int port, byte[] frame, int workers) {
    return Math.floorMod(of(port, frame), workers);
  }

  static int of(int port, byte[] f) {
    int h = port * 0x9E3779B1;
    if (f.length < 14) {
      return mix(h ^ f.length);
    }
    int at = 12;
    int type = u16(f, at);
    for (int tags = 0;
        tags < 2 && (type == 0x8100 || type == 0x88a8) && at + 6 <= f.length;
        tags++) {
      at += 4;
      type = u16(f, at);
    }
    int l3 = at + 2;
    if (type == 0x0800 && l3 + 20 <= f.length) {
      int ihl = (f[l3] & 0x0f) * 4;
      int protocol = f[l3 + 9] & 0xff;
      h = mix(h ^ u32(f, l3 + 12));
      h = mix(h ^ u32(f, l3 + 16));
      h = mix(h ^ protocol);
      boolean fragment = (u16(f, l3 + 6) & 0x3fff) != 0;
      if (!fragment && ports(protocol) && l3 + ihl + 4 <= f.length && ihl >= 20) {
        h = mix(h ^ u32(f, l3 + ihl));
      }
      return h;
    }
    if (type == 0x86dd && l3 + 40 <= f.length) {
      for (int i = 8; i < 40; i += 4) {
        h = mix(h ^ u32(f, l3 + i));
      }
      int next = f[l3 + 6] & 0xff;
      h = mix(h ^ next);
      if (ports(next) && l3 + 44 <= f.length) {
        h = mix(h ^ u32(f, l3 + 40));
      }
      return h;
    }
    h = mix(h ^ u32(f, 0));
    h = mix(h ^ u32(f, 4));
    h = mix(h ^ u32(f, 8));
    return mix(h ^ type);
  }

  private static boolean ports(int protocol) {
    return protocol == 6 || protocol == 17 || protocol == 132;
  }

  private static int u16(byte[] f, int at) {
    return ((f[at] & 0xff) << 8) | (f[at + 1] & 0xff);
  }

  private static int u32(byte[] f, int at) {
    return ((f[at] & 0xff) << 24)
        | ((f[at + 1] & 0xff) << 16)
        | ((f[at + 2] & 0xff) << 8)
        | (f[at + 3] & 0xff);
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }
}
