package net.vdn.controller.federation;

/**
 * An endpoint of an inter-domain slice, {@code domain:device:port[:vlan]}: a port of a device of
 * some domain, untagged or tagged with a VLAN.
 */
public record DomainEndpoint(String domain, String device, int port, Integer vlan) {
  public DomainEndpoint {
    if (domain == null || domain.isBlank() || device == null || device.isBlank()) {
      throw new IllegalArgumentException("endpoints: needs domain:device:port[:vlan]");
    }
    if (port < 1 || port > 510) {
      throw new IllegalArgumentException("endpoints: port " + port + " is outside 1..510");
    }
    if (vlan != null && (vlan < 1 || vlan > 4094)) {
      throw new IllegalArgumentException("endpoints: vlan " + vlan + " is outside 1..4094");
    }
  }

  /** Reads {@code domain:device:port[:vlan]}. */
  public static DomainEndpoint parse(String text) {
    String[] p = text == null ? new String[0] : text.split(":", -1);
    if (p.length < 3 || p.length > 4) {
      throw new IllegalArgumentException(
          "endpoints: '" + text + "' is not domain:device:port[:vlan]");
    }
    try {
      return new DomainEndpoint(
          p[0], p[1], Integer.parseInt(p[2]), p.length == 4 ? Integer.parseInt(p[3]) : null);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "endpoints: '" + text + "': port and vlan must be numbers");
    }
  }

  @Override
  public String toString() {
    return domain + ":" + device + ":" + port + (vlan == null ? "" : ":" + vlan);
  }
}
