package net.vdn.softswitch.extern;

/**
 * One color-blind two-rate three-color marker (RFC 2698). Token buckets start full; tokens are kept
 * in unit-nanoseconds so that integer arithmetic is exact. An unconfigured meter marks GREEN.
 *
 * <p>Thread-safe: workers mark packets on the same meter one at a time (each marking takes the
 * meter's monitor), and time never runs backwards for a meter: a packet stamped before the last one
 * marked refills nothing, and the meter's clock stays where it was. So concurrent workers admit no
 * more than one worker would at the same rates.
 */
public final class Meter {
  public static final int GREEN = 0;
  public static final int YELLOW = 1;
  public static final int RED = 2;

  private static final long NANOS = 1_000_000_000L;

  private MeterConfig config;
  private long committedTokens;
  private long peakTokens;
  private long lastNanos;
  private boolean started;

  public synchronized MeterConfig config() {
    return config;
  }

  /** Sets (or with null clears) the configuration; buckets refill to full. */
  public synchronized void configure(MeterConfig newConfig) {
    this.config = newConfig;
    this.started = false;
    if (newConfig != null) {
      committedTokens = scaled(newConfig.cburst());
      peakTokens = scaled(newConfig.pburst());
    }
  }

  /** Marks a packet of {@code units} bytes or packets at time {@code nowNanos}. */
  public synchronized int execute(long nowNanos, long units) {
    MeterConfig c = config;
    if (c == null) {
      return GREEN;
    }
    if (!started) {
      started = true;
      lastNanos = nowNanos;
    } else if (nowNanos > lastNanos) {
      long elapsed = nowNanos - lastNanos;
      committedTokens = refill(committedTokens, elapsed, c.cir(), scaled(c.cburst()));
      peakTokens = refill(peakTokens, elapsed, c.pir(), scaled(c.pburst()));
      lastNanos = nowNanos;
    }
    long need = scaled(units);
    if (peakTokens < need) {
      return RED;
    }
    if (committedTokens < need) {
      peakTokens -= need;
      return YELLOW;
    }
    peakTokens -= need;
    committedTokens -= need;
    return GREEN;
  }

  private static long scaled(long units) {
    return units > Long.MAX_VALUE / NANOS ? Long.MAX_VALUE : units * NANOS;
  }

  private static long refill(long tokens, long elapsedNanos, long ratePerSecond, long cap) {
    if (ratePerSecond == 0 || tokens >= cap) {
      return Math.min(tokens, cap);
    }
    long room = cap - tokens;
    if (elapsedNanos >= room / ratePerSecond + 1) {
      return cap;
    }
    return Math.min(cap, tokens + elapsedNanos * ratePerSecond);
  }
}
