package net.vdn.controller.security;

import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.error.ConfigException;

/**
 * An edge port an operator granted to a tenant: the tenant may put its slices' endpoints there.
 *
 * @param vlan the one VLAN id of the port granted, or null for the whole port
 */
public record Grant(String tenant, String device, int port, Integer vlan) {
  public Grant {
    Principal.checkTenant("tenant", tenant);
    new ConnectPoint(device, port);
    if (vlan != null && (vlan < 1 || vlan > 4094)) {
      throw new ConfigException("vlan", "outside 1..4094: " + vlan);
    }
  }

  /** Whether this grant lets its tenant use a port (and VLAN, null for untagged or any). */
  public boolean covers(String device, int port, Integer vlan) {
    return this.device.equals(device)
        && this.port == port
        && (this.vlan == null || this.vlan.equals(vlan));
  }

  /** Whether two grants give some of the same traffic. */
  public boolean overlaps(Grant o) {
    return device.equals(o.device)
        && port == o.port
        && (vlan == null || o.vlan == null || vlan.equals(o.vlan));
  }

  @Override
  public String toString() {
    return device + ":" + port + (vlan == null ? "" : "." + vlan) + " to tenant " + tenant;
  }
}
