package net.vdn.gnmi.openconfig;

import java.util.HexFormat;
import net.vdn.gnmi.GnmiValueException;

/**
 * A 48-bit MAC address; prints as {@code 00:11:22:aa:bb:cc}, as OpenConfig's {@code
 * yang:mac-address}.
 */
public record MacAddress(long value) {
  public MacAddress {
    if ((value >>> 48) != 0) {
      throw new GnmiValueException("MAC address 0x" + Long.toHexString(value) + " exceeds 48 bits");
    }
  }

  /** Reads six hex octets separated by ':' (or '-'). */
  public static MacAddress parse(String text) {
    String[] parts = text.split("[:-]", -1);
    if (parts.length != 6) {
      throw new GnmiValueException("MAC address '" + text + "' does not have six octets");
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new GnmiValueException("MAC address '" + text + "' has a bad octet '" + p + "'");
      }
      v = (v << 8) | Integer.parseInt(p, 16);
    }
    return new MacAddress(v);
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().toHexDigits(value).substring(4);
    StringBuilder out = new StringBuilder(17);
    for (int i = 0; i < 12; i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(hex, i, i + 2);
    }
    return out.toString();
  }
}
