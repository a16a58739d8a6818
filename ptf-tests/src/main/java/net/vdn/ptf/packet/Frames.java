package net.vdn.ptf.packet;

/** Where headers sit in a frame built by {@link PacketBuilder} (one optional 802.1Q tag). */
public final class Frames {
  public static final int ETHERTYPE_VLAN = 0x8100;
  public static final int ETHERTYPE_IPV4 = 0x0800;
  public static final int ETHERTYPE_IPV6 = 0x86dd;
  public static final int ETHERTYPE_ARP = 0x0806;
  public static final int ETHERTYPE_LLDP = 0x88cc;

  private Frames() {}

  /** Whether the frame carries an 802.1Q tag. */
  public static boolean tagged(byte[] frame) {
    return u16(frame, 12) == ETHERTYPE_VLAN;
  }

  /** The offset of the header after Ethernet and the tag, if any. */
  public static int l3Offset(byte[] frame) {
    return tagged(frame) ? 18 : 14;
  }

  /** The ether type of the payload (after the tag, if any). */
  public static int etherType(byte[] frame) {
    return u16(frame, l3Offset(frame) - 2);
  }

  /** The offset of the IPv4 header; fails when the frame does not carry IPv4. */
  public static int ipv4Offset(byte[] frame) {
    if (etherType(frame) != ETHERTYPE_IPV4) {
      throw new IllegalArgumentException(
          "frame does not carry IPv4 (ether type 0x" + Integer.toHexString(etherType(frame)) + ")");
    }
    return l3Offset(frame);
  }

  /** The offset of the IPv6 header; fails when the frame does not carry IPv6. */
  public static int ipv6Offset(byte[] frame) {
    if (etherType(frame) != ETHERTYPE_IPV6) {
      throw new IllegalArgumentException(
          "frame does not carry IPv6 (ether type 0x" + Integer.toHexString(etherType(frame)) + ")");
    }
    return l3Offset(frame);
  }

  /** The 16-bit big-endian number at {@code offset}. */
  public static int u16(byte[] frame, int offset) {
    return ((frame[offset] & 0xff) << 8) | (frame[offset + 1] & 0xff);
  }
}
