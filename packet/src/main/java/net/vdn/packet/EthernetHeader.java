package net.vdn.packet;

import java.util.Optional;

/**
 * The Ethernet header at the start of a frame, with its 802.1Q tag when there is one.
 *
 * @param vlanId the VLAN id of the 802.1Q tag, or -1 when the frame is untagged
 * @param etherType the type of what follows (after the tag when tagged)
 * @param payloadOffset where what follows begins in the frame
 */
public record EthernetHeader(
    MacAddress destination, MacAddress source, int vlanId, int etherType, int payloadOffset) {
  public static final int TYPE_IPV4 = 0x0800;
  public static final int TYPE_ARP = 0x0806;
  public static final int TYPE_VLAN = 0x8100;
  public static final int TYPE_IPV6 = 0x86dd;
  public static final int TYPE_LLDP = 0x88cc;

  /** The header of a frame, or empty when the frame is too short to hold one. */
  public static Optional<EthernetHeader> parse(byte[] frame) {
    if (frame == null || frame.length < 14) {
      return Optional.empty();
    }
    int type = u16(frame, 12);
    int vlan = -1;
    int at = 14;
    if (type == TYPE_VLAN) {
      if (frame.length < 18) {
        return Optional.empty();
      }
      vlan = u16(frame, 14) & 0x0fff;
      type = u16(frame, 16);
      at = 18;
    }
    return Optional.of(
        new EthernetHeader(MacAddress.of(frame, 0), MacAddress.of(frame, 6), vlan, type, at));
  }

  /** The ether type of a frame (after its 802.1Q tag), or -1 when it has no Ethernet header. */
  public static int etherType(byte[] frame) {
    return parse(frame).map(EthernetHeader::etherType).orElse(-1);
  }

  static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}
