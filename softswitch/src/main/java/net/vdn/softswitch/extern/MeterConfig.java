package net.vdn.softswitch.extern;

/**
 * A two-rate three-color meter configuration (RFC 2698): committed and peak information rates in
 * units per second and burst sizes in units, where units are bytes or packets by the meter type.
 */
public record MeterConfig(long cir, long cburst, long pir, long pburst) {
  public MeterConfig {
    if (cir < 0 || cburst < 0 || pir < 0 || pburst < 0) {
      throw new IllegalArgumentException("meter rates and bursts must not be negative");
    }
  }
}
