package net.vdn.pipeconf.rule;

import net.vdn.p4runtime.Value;

/** An IPv4 prefix such as 10.1.0.0/16; host bits must be zero. */
public record Ipv4Prefix(long address, int length) {
  public Ipv4Prefix {
    if (length < 0 || length > 32) {
      throw new InvalidRuleException("prefix length " + length + " is outside 0..32");
    }
    if (address < 0 || address > 0xffff_ffffL) {
      throw new InvalidRuleException("not an IPv4 address: " + address);
    }
    if ((address & ~mask(length) & 0xffff_ffffL) != 0) {
      throw new InvalidRuleException(
          "prefix " + Value.of(address) + "/" + length + " has host bits set");
    }
  }

  /** Parses "a.b.c.d/len" (or "a.b.c.d" for a host). */
  public static Ipv4Prefix parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length > 2) {
      throw new InvalidRuleException("not an IPv4 prefix: '" + text + "'");
    }
    String[] octets = parts[0].split("\\.", -1);
    if (octets.length != 4) {
      throw new InvalidRuleException("not an IPv4 prefix: '" + text + "'");
    }
    long address = 0;
    try {
      for (String o : octets) {
        int v = Integer.parseInt(o);
        if (v < 0 || v > 255) {
          throw new InvalidRuleException("not an IPv4 prefix: '" + text + "'");
        }
        address = (address << 8) | v;
      }
      return new Ipv4Prefix(address, parts.length == 2 ? Integer.parseInt(parts[1]) : 32);
    } catch (NumberFormatException e) {
      throw new InvalidRuleException("not an IPv4 prefix: '" + text + "'");
    }
  }

  public static long mask(int length) {
    return length == 0 ? 0 : (0xffff_ffffL << (32 - length)) & 0xffff_ffffL;
  }

  @Override
  public String toString() {
    return ((address >> 24) & 255)
        + "."
        + ((address >> 16) & 255)
        + "."
        + ((address >> 8) & 255)
        + "."
        + (address & 255)
        + "/"
        + length;
  }
}
