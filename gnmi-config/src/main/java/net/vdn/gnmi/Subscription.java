package net.vdn.gnmi;

import java.time.Duration;
import java.util.Objects;

/**
 * One path of a subscription and how its values are triggered (only meaningful in STREAM mode).
 *
 * @param sampleInterval time between samples in SAMPLE mode; zero lets the target choose
 * @param suppressRedundant in SAMPLE mode, send a value only when it changed
 * @param heartbeatInterval send a value at least this often even if unchanged; zero for never
 */
public record Subscription(
    GnmiPath path,
    SubscriptionMode mode,
    Duration sampleInterval,
    boolean suppressRedundant,
    Duration heartbeatInterval) {

  public Subscription {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mode, "mode");
    sampleInterval = sampleInterval == null ? Duration.ZERO : sampleInterval;
    heartbeatInterval = heartbeatInterval == null ? Duration.ZERO : heartbeatInterval;
    if (sampleInterval.isNegative() || heartbeatInterval.isNegative()) {
      throw new IllegalArgumentException("intervals may not be negative: " + path);
    }
    if (mode != SubscriptionMode.SAMPLE && !sampleInterval.isZero()) {
      throw new IllegalArgumentException("a sample interval needs SAMPLE mode: " + path);
    }
  }

  public static Subscription onChange(GnmiPath path) {
    return new Subscription(path, SubscriptionMode.ON_CHANGE, null, false, null);
  }

  public static Subscription sample(GnmiPath path, Duration interval) {
    return new Subscription(path, SubscriptionMode.SAMPLE, interval, false, null);
  }

  public static Subscription targetDefined(GnmiPath path) {
    return new Subscription(path, SubscriptionMode.TARGET_DEFINED, null, false, null);
  }

  /** For ONCE and POLL subscriptions, where the mode of each path does not matter. */
  public static Subscription of(GnmiPath path) {
    return targetDefined(path);
  }
}
