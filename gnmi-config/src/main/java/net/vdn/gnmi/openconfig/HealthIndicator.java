package net.vdn.gnmi.openconfig;

/** The health indicator (LED) Stratum exposes per port, {@code config/health-indicator}. */
public enum HealthIndicator {
  UNKNOWN,
  GOOD,
  BAD;

  /** Reads the value with or without a module prefix. */
  public static HealthIndicator parse(String text) {
    return OpenConfigEnums.parse(HealthIndicator.class, text, null, "health-indicator");
  }
}
