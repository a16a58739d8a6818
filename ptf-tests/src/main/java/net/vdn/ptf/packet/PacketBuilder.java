package net.vdn.ptf.packet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.vdn.packet.Ipv4Address;
import net.vdn.packet.MacAddress;

/**
 * Builds frames byte for byte: Ethernet, an optional 802.1Q tag, then IPv4 or IPv6 (with TCP, UDP
 * or a raw protocol), ARP, LLDP or a raw ether type, then the payload and optional zero padding.
 * IPv4 header checksums and TCP/UDP checksums (with the IPv4 or IPv6 pseudo header) are computed.
 * Nothing is padded unless {@link #padTo} asks for it, so a tagged and an untagged frame built from
 * the same settings differ by exactly the tag. Mutable; {@link #copy} before deriving a variant.
 */
public final class PacketBuilder implements Cloneable {
  private enum L3 {
    NONE,
    IPV4,
    IPV6,
    ARP,
    LLDP
  }

  private byte[] ethDst;
  private byte[] ethSrc;
  private int etherType = -1;
  private Integer vid;
  private int pcp;
  private boolean dei;
  private L3 l3 = L3.NONE;
  // IPv4 or IPv6 (16-byte addresses); ttl is IPv6's hop limit
  private byte[] ipSrc;
  private byte[] ipDst;
  private int ttl = 64;
  private int dscp;
  private int identification = 1;
  private int protocol = -1;
  private int sport;
  private int dport;
  // ARP
  private int arpOpcode;
  private byte[] arpSenderMac;
  private byte[] arpSenderIp;
  private byte[] arpTargetMac;
  private byte[] arpTargetIp;
  // LLDP
  private byte[] lldpChassisMac;
  private String lldpPortId;
  private int lldpTtl;
  private byte[] payload = new byte[0];
  private int padTo;

  private PacketBuilder() {}

  /** An Ethernet frame between two MAC addresses ("aa:bb:cc:dd:ee:ff"). */
  public static PacketBuilder ethernet(String dst, String src) {
    PacketBuilder b = new PacketBuilder();
    b.ethDst = mac(dst);
    b.ethSrc = mac(src);
    return b;
  }

  public PacketBuilder copy() {
    try {
      return (PacketBuilder) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  public PacketBuilder ethDst(String mac) {
    ethDst = mac(mac);
    return this;
  }

  public PacketBuilder ethSrc(String mac) {
    ethSrc = mac(mac);
    return this;
  }

  /** Adds an 802.1Q tag with priority 0 and DEI 0. */
  public PacketBuilder vlan(int vid) {
    return vlan(0, false, vid);
  }

  public PacketBuilder vlan(int pcp, boolean dei, int vid) {
    this.vid = check(vid, 0xfff, "VLAN id");
    this.pcp = check(pcp, 7, "PCP");
    this.dei = dei;
    return this;
  }

  public PacketBuilder noVlan() {
    vid = null;
    return this;
  }

  /** A raw ether type for whatever {@link #payload} holds. */
  public PacketBuilder etherType(int etherType) {
    this.etherType = check(etherType, 0xffff, "ether type");
    l3 = L3.NONE;
    return this;
  }

  /** IPv4 between two addresses; TTL 64, DSCP 0, identification 1 unless set. */
  public PacketBuilder ipv4(String src, String dst) {
    l3 = L3.IPV4;
    ipSrc = ip(src);
    ipDst = ip(dst);
    if (protocol < 0) {
      protocol = 0xfd; // reserved for experiments (RFC 3692)
    }
    return this;
  }

  /**
   * IPv6 between two addresses (literals such as "2001:db8::1"); hop limit 64 unless set, the
   * traffic class's DSCP as {@link #dscp} sets it, flow label 0. No extension headers.
   */
  public PacketBuilder ipv6(String src, String dst) {
    l3 = L3.IPV6;
    ipSrc = ip6(src);
    ipDst = ip6(dst);
    if (protocol < 0) {
      protocol = 0xfd;
    }
    return this;
  }

  /** IPv6's hop limit: the same setting as IPv4's TTL. */
  public PacketBuilder hopLimit(int hopLimit) {
    return ttl(hopLimit);
  }

  public PacketBuilder ttl(int ttl) {
    this.ttl = check(ttl, 0xff, "TTL");
    return this;
  }

  public PacketBuilder dscp(int dscp) {
    this.dscp = check(dscp, 0x3f, "DSCP");
    return this;
  }

  public PacketBuilder identification(int identification) {
    this.identification = check(identification, 0xffff, "identification");
    return this;
  }

  /** A raw IP protocol number, the payload following the IPv4 header. */
  public PacketBuilder ipProtocol(int protocol) {
    this.protocol = check(protocol, 0xff, "IP protocol");
    return this;
  }

  /** A TCP header (SYN, window 8192, sequence 1) between two ports. */
  public PacketBuilder tcp(int sport, int dport) {
    protocol = 6;
    this.sport = check(sport, 0xffff, "TCP source port");
    this.dport = check(dport, 0xffff, "TCP destination port");
    return this;
  }

  public PacketBuilder udp(int sport, int dport) {
    protocol = 17;
    this.sport = check(sport, 0xffff, "UDP source port");
    this.dport = check(dport, 0xffff, "UDP destination port");
    return this;
  }

  /** An ARP request (opcode 1) for IPv4 over Ethernet. */
  public PacketBuilder arpRequest(String senderMac, String senderIp, String targetIp) {
    return arp(1, senderMac, senderIp, "00:00:00:00:00:00", targetIp);
  }

  public PacketBuilder arp(
      int opcode, String senderMac, String senderIp, String targetMac, String targetIp) {
    l3 = L3.ARP;
    arpOpcode = check(opcode, 0xffff, "ARP opcode");
    arpSenderMac = mac(senderMac);
    arpSenderIp = ip(senderIp);
    arpTargetMac = mac(targetMac);
    arpTargetIp = ip(targetIp);
    return this;
  }

  /** An LLDPDU: chassis id (a MAC), port id (locally assigned text), TTL, end. */
  public PacketBuilder lldp(String chassisMac, String portId, int ttlSeconds) {
    l3 = L3.LLDP;
    lldpChassisMac = mac(chassisMac);
    lldpPortId = portId;
    lldpTtl = check(ttlSeconds, 0xffff, "LLDP TTL");
    return this;
  }

  /** What follows the last header (TCP/UDP data, IPv4 data, or the raw ether type's payload). */
  public PacketBuilder payload(byte[] payload) {
    this.payload = payload.clone();
    return this;
  }

  /** A payload of {@code length} bytes counting up from 0. */
  public PacketBuilder payloadLength(int length) {
    byte[] p = new byte[length];
    for (int i = 0; i < length; i++) {
      p[i] = (byte) i;
    }
    return payload(p);
  }

  /** Zero padding after everything else, up to this frame length (Ethernet's minimum is 60). */
  public PacketBuilder padTo(int frameLength) {
    this.padTo = frameLength;
    return this;
  }

  public byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ethDst);
    out.writeBytes(ethSrc);
    int type =
        switch (l3) {
          case IPV4 -> Frames.ETHERTYPE_IPV4;
          case IPV6 -> Frames.ETHERTYPE_IPV6;
          case ARP -> Frames.ETHERTYPE_ARP;
          case LLDP -> Frames.ETHERTYPE_LLDP;
          case NONE -> {
            if (etherType < 0) {
              throw new IllegalStateException("no ether type: add a header or call etherType()");
            }
            yield etherType;
          }
        };
    if (vid != null) {
      put16(out, Frames.ETHERTYPE_VLAN);
      put16(out, (pcp << 13) | (dei ? 1 << 12 : 0) | vid);
    }
    put16(out, type);
    out.writeBytes(
        switch (l3) {
          case IPV4 -> ipv4();
          case IPV6 -> ipv6();
          case ARP -> arp();
          case LLDP -> lldp();
          case NONE -> payload;
        });
    while (out.size() < padTo) {
      out.write(0);
    }
    return out.toByteArray();
  }

  private byte[] ipv4() {
    byte[] l4 = l4();
    ByteBuffer ip = ByteBuffer.allocate(20 + l4.length);
    ip.put((byte) 0x45).put((byte) (dscp << 2)).putShort((short) (20 + l4.length));
    ip.putShort((short) identification).putShort((short) 0);
    ip.put((byte) ttl).put((byte) protocol).putShort((short) 0).put(ipSrc).put(ipDst);
    ip.put(l4);
    byte[] bytes = ip.array();
    int checksum = Checksums.internet(bytes, 0, 20);
    bytes[10] = (byte) (checksum >> 8);
    bytes[11] = (byte) checksum;
    return bytes;
  }

  private byte[] ipv6() {
    byte[] l4 = l4();
    ByteBuffer ip = ByteBuffer.allocate(40 + l4.length);
    ip.putInt((6 << 28) | (dscp << 22)).putShort((short) l4.length);
    ip.put((byte) protocol).put((byte) ttl).put(ipSrc).put(ipDst).put(l4);
    return ip.array();
  }

  private byte[] l4() {
    if (protocol == 6) {
      ByteBuffer tcp = ByteBuffer.allocate(20 + payload.length);
      tcp.putShort((short) sport).putShort((short) dport).putInt(1).putInt(0);
      tcp.put((byte) 0x50).put((byte) 0x02).putShort((short) 8192).putShort((short) 0);
      tcp.putShort((short) 0).put(payload);
      return withL4Checksum(tcp.array(), 16);
    }
    if (protocol == 17) {
      ByteBuffer udp = ByteBuffer.allocate(8 + payload.length);
      udp.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length));
      udp.putShort((short) 0).put(payload);
      return withL4Checksum(udp.array(), 6);
    }
    return payload;
  }

  private byte[] withL4Checksum(byte[] segment, int checksumOffset) {
    long sum = Checksums.sum(0, ipSrc, 0, ipSrc.length);
    sum = Checksums.sum(sum, ipDst, 0, ipDst.length);
    sum += protocol + segment.length;
    int checksum = Checksums.finish(Checksums.sum(sum, segment, 0, segment.length));
    if (protocol == 17 && checksum == 0) {
      checksum = 0xffff; // UDP sends a computed zero as all ones
    }
    segment[checksumOffset] = (byte) (checksum >> 8);
    segment[checksumOffset + 1] = (byte) checksum;
    return segment;
  }

  private byte[] arp() {
    ByteBuffer arp = ByteBuffer.allocate(28 + payload.length);
    arp.putShort((short) 1).putShort((short) Frames.ETHERTYPE_IPV4).put((byte) 6).put((byte) 4);
    arp.putShort((short) arpOpcode).put(arpSenderMac).put(arpSenderIp);
    arp.put(arpTargetMac).put(arpTargetIp).put(payload);
    return arp.array();
  }

  private byte[] lldp() {
    ByteArrayOutputStream tlvs = new ByteArrayOutputStream();
    byte[] chassis = new byte[7];
    chassis[0] = 4; // subtype: MAC address
    System.arraycopy(lldpChassisMac, 0, chassis, 1, 6);
    tlv(tlvs, 1, chassis);
    byte[] port = lldpPortId.getBytes(StandardCharsets.US_ASCII);
    byte[] portTlv = new byte[port.length + 1];
    portTlv[0] = 7; // subtype: locally assigned
    System.arraycopy(port, 0, portTlv, 1, port.length);
    tlv(tlvs, 2, portTlv);
    tlv(tlvs, 3, new byte[] {(byte) (lldpTtl >> 8), (byte) lldpTtl});
    tlv(tlvs, 0, new byte[0]);
    tlvs.writeBytes(payload);
    return tlvs.toByteArray();
  }

  private static void tlv(ByteArrayOutputStream out, int type, byte[] value) {
    put16(out, (type << 9) | value.length);
    out.writeBytes(value);
  }

  private static void put16(ByteArrayOutputStream out, int v) {
    out.write(v >> 8);
    out.write(v);
  }

  private static int check(int value, int max, String what) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(what + " " + value + " is outside 0.." + max);
    }
    return value;
  }

  /** Six bytes from "aa:bb:cc:dd:ee:ff", as {@link MacAddress#parse} reads it. */
  public static byte[] mac(String mac) {
    return MacAddress.parse(mac).bytes();
  }

  /** Four bytes from a dotted quad, as {@link Ipv4Address#parse} reads it. */
  public static byte[] ip(String dotted) {
    return Ipv4Address.parse(dotted).bytes();
  }

  /** Sixteen bytes from an IPv6 literal; never a host name look-up. */
  public static byte[] ip6(String literal) {
    if (literal.indexOf(':') < 0 || !literal.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not an IPv6 address literal: '" + literal + "'");
    }
    try {
      byte[] b = java.net.InetAddress.getByName(literal).getAddress();
      if (b.length != 16) {
        throw new IllegalArgumentException("not an IPv6 address literal: '" + literal + "'");
      }
      return b;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv6 address literal: '" + literal + "'", e);
    }
  }

  @Override
  public String toString() {
    return "PacketBuilder" + Arrays.toString(new Object[] {l3, vid, protocol, payload.length});
  }
}
