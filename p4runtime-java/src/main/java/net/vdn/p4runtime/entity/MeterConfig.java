package net.vdn.p4runtime.entity;

/**
 * Meter rates (units per second) and bursts (units); the unit, bytes or packets, is the meter's.
 * {@code eburst} serves single-rate three-color meters.
 */
public record MeterConfig(long cir, long cburst, long pir, long pburst, long eburst) {
  public static MeterConfig twoRate(long cir, long cburst, long pir, long pburst) {
    return new MeterConfig(cir, cburst, pir, pburst, 0);
  }
}
