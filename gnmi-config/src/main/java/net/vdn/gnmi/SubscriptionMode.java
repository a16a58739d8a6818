package net.vdn.gnmi;

/** How the values of one streamed path are triggered; gNMI's {@code SubscriptionMode}. */
public enum SubscriptionMode {
  /** The target chooses per leaf (typically on change for state, sampled for counters). */
  TARGET_DEFINED,
  /** A value is sent when it changes. */
  ON_CHANGE,
  /** Values are sent every sample interval. */
  SAMPLE
}
