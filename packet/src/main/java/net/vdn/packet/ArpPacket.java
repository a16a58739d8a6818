package net.vdn.packet;

import java.util.Optional;

/**
 * An ARP packet for IPv4 over Ethernet (RFC 826): who asks or answers, and for whom.
 *
 * @param operation 1 for a request, 2 for a reply
 */
public record ArpPacket(
    int operation,
    MacAddress senderMac,
    Ipv4Address senderIp,
    MacAddress targetMac,
    Ipv4Address targetIp) {
  public static final int REQUEST = 1;
  public static final int REPLY = 2;

  /**
   * The ARP packet a frame carries (tagged or not), or empty when it carries none, or one for
   * another hardware or protocol type, or is cut short.
   */
  public static Optional<ArpPacket> parse(byte[] frame) {
    Optional<EthernetHeader> eth = EthernetHeader.parse(frame);
    if (eth.isEmpty() || eth.get().etherType() != EthernetHeader.TYPE_ARP) {
      return Optional.empty();
    }
    int at = eth.get().payloadOffset();
    if (frame.length < at + 28
        || EthernetHeader.u16(frame, at) != 1
        || EthernetHeader.u16(frame, at + 2) != EthernetHeader.TYPE_IPV4
        || (frame[at + 4] & 0xff) != 6
        || (frame[at + 5] & 0xff) != 4) {
      return Optional.empty();
    }
    return Optional.of(
        new ArpPacket(
            EthernetHeader.u16(frame, at + 6),
            MacAddress.of(frame, at + 8),
            Ipv4Address.of(frame, at + 14),
            MacAddress.of(frame, at + 18),
            Ipv4Address.of(frame, at + 24)));
  }
}
