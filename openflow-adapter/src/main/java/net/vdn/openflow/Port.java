package net.vdn.openflow;

/**
 * A switch port as its OFPMP_PORT_DESC or OFPT_PORT_STATUS describes it. Speeds are in kbit/s, as
 * OpenFlow 1.3 reports them.
 */
public record Port(
    int number,
    String name,
    String mac,
    long currentSpeedKbps,
    long maxSpeedKbps,
    boolean adminUp,
    boolean linkUp) {

  /** Administratively enabled and with its link up: able to carry traffic. */
  public boolean up() {
    return adminUp && linkUp;
  }
}
