package net.vdn.controller.device;

/**
 * A device port as the controller knows it.
 *
 * @param speedBps the port's speed (reported by gNMI, or the configured default)
 * @param outBps the rate the port sent at over the last counter sample, or -1 when unknown
 */
public record PortInfo(
    int number, String name, long speedBps, boolean enabled, boolean up, long outBps) {
  public PortInfo withState(boolean enabled, boolean up) {
    return new PortInfo(number, name, speedBps, enabled, up, outBps);
  }

  public PortInfo withOutBps(long bps) {
    return new PortInfo(number, name, speedBps, enabled, up, bps);
  }
}
