package net.vdn.controller.device;

/**
 * A device port as the controller knows it.
 *
 * @param speedBps the port's speed (reported by the device, or the configured default)
 * @param enabled whether the port is administratively up
 * @param up whether the port is operationally up (enabled and its link up)
 * @param outBps the rate the port sent at over the last counter sample, or -1 when unknown
 */
public record Port(
    int number, String name, long speedBps, boolean enabled, boolean up, long outBps) {
  public Port withState(boolean enabled, boolean up) {
    return new Port(number, name, speedBps, enabled, up, outBps);
  }

  public Port withOutBps(long bps) {
    return new Port(number, name, speedBps, enabled, up, bps);
  }

  /** Whether frames can leave and arrive on the port. */
  public boolean live() {
    return enabled && up;
  }
}
