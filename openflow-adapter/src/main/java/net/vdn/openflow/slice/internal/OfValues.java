package net.vdn.openflow.slice.internal;

import net.vdn.pipeconf.rule.InvalidRuleException;
import net.vdn.pipeconf.rule.Ipv4Prefix;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.OFPort;

/** A rule's values checked and written as OpenFlow values; a bad one names its field. */
final class OfValues {
  private OfValues() {}

  /** The metadata that carries the slice id from table 1 on. */
  static OFMetadata metadata(int slice) {
    return OFMetadata.ofRaw(slice);
  }

  static int port(int port, String what) {
    if (port <= 0 || Integer.compareUnsigned(port, OFPort.MAX.getPortNumber()) > 0) {
      throw new InvalidRuleException(
          what + " " + port + " is not an OpenFlow data port (1..0xffffff00)");
    }
    return port;
  }

  static MacAddress mac(String mac, String what) {
    if (mac == null) {
      throw new InvalidRuleException(what + " is missing");
    }
    try {
      return MacAddress.of(net.vdn.packet.MacAddress.parse(mac).value());
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(what + ": '" + mac + "' is not a MAC address");
    }
  }

  /**
   * Matches the prefix (exactly for a /32, masked otherwise); a missing or /0 prefix adds nothing.
   */
  static void prefix(Match.Builder m, MatchField<IPv4Address> field, Ipv4Prefix p) {
    if (p == null || p.length() == 0) {
      return;
    }
    IPv4Address address = IPv4Address.of((int) p.address());
    if (p.length() == 32) {
      m.setExact(field, address);
    } else {
      m.setMasked(field, address, IPv4Address.ofCidrMaskLength(p.length()));
    }
  }
}
