package net.vdn.controller.path;

import net.vdn.controller.device.ConnectPoint;
import net.vdn.pipeconf.rule.Ipv4Prefix;

/**
 * An edge port a slice classifies traffic on: every frame of the port, or only the frames from
 * {@code srcPrefix}, or only those tagged {@code vlan}. Two slices may share a port only when their
 * claims cannot match the same frames: other VLANs, or prefixes that cannot overlap.
 */
public record EdgeClaim(ConnectPoint port, Ipv4Prefix srcPrefix, Integer vlan) {
  /** A claim on untagged and tagged frames alike. */
  public EdgeClaim(ConnectPoint port, Ipv4Prefix srcPrefix) {
    this(port, srcPrefix, null);
  }

  /** Whether frames both claims classify can be the same frames (a missing prefix is every one). */
  public boolean overlaps(EdgeClaim other) {
    if (!port.equals(other.port)) {
      return false;
    }
    if (vlan != null && other.vlan != null && !vlan.equals(other.vlan)) {
      return false;
    }
    if (srcPrefix == null || other.srcPrefix == null) {
      return true;
    }
    long mask = Ipv4Prefix.mask(Math.min(srcPrefix.length(), other.srcPrefix.length()));
    return (srcPrefix.address() & mask) == (other.srcPrefix.address() & mask);
  }

  @Override
  public String toString() {
    return port
        + (vlan == null ? "" : " VLAN " + vlan)
        + (srcPrefix == null ? "" : " (" + srcPrefix + ")");
  }
}
