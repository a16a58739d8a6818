package net.vdn.softswitch.extern;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One color-blind two-rate three-color marker (RFC 2698). Token buckets start full; tokens are kept
 * in unit-nanoseconds so that integer arithmetic is exact. An unconfigured meter marks GREEN.
 *
 * <p>Thread-safe without a lock: the buckets, their clock and the configuration are one immutable
 * {@link State}; a marking computes the next state from the one it read and installs it with a
 * compare-and-set, trying again if another worker marked in between. So every marking applies to
 * the state the previous one left, as if the packets had been marked one at a time, and time never
 * runs backwards for a meter: a packet stamped before the last one marked refills nothing, and the
 * meter's clock stays where it was. Concurrent workers admit no more than one worker would at the
 * same rates. A RED packet changes no bucket, so it writes nothing (refills compose: taking two
 * refills in one later step gives the same tokens).
 *
 * <p>Meters of an array sit in memory one after another; each is padded to a cache line of its own
 * so that workers marking different meters do not invalidate each other's.
 */
public final class Meter extends MeterState {
  public static final int GREEN = 0;
  public static final int YELLOW = 1;
  public static final int RED = 2;

  // Padding after the state (with MeterPadding's before it): 64 bytes on either side.
  @SuppressWarnings("unused")
  private long r0, r1, r2, r3, r4, r5, r6, r7;

  public MeterConfig config() {
    return state().config;
  }

  /** Sets (or with null clears) the configuration; buckets refill to full. */
  public void configure(MeterConfig newConfig) {
    set(
        newConfig == null
            ? State.UNCONFIGURED
            : new State(
                newConfig, scaled(newConfig.cburst()), scaled(newConfig.pburst()), 0, false));
  }

  /** Marks a packet of {@code units} bytes or packets at time {@code nowNanos}. */
  public int execute(long nowNanos, long units) {
    long need = scaled(units);
    while (true) {
      State s = state();
      MeterConfig c = s.config;
      if (c == null) {
        return GREEN;
      }
      long committed = s.committedTokens;
      long peak = s.peakTokens;
      long last = s.lastNanos;
      if (!s.started) {
        last = nowNanos;
      } else if (nowNanos > last) {
        long elapsed = nowNanos - last;
        committed = refill(committed, elapsed, c.cir(), scaled(c.cburst()));
        peak = refill(peak, elapsed, c.pir(), scaled(c.pburst()));
        last = nowNanos;
      }
      int color;
      if (peak < need) {
        if (s.started) {
          return RED;
        }
        color = RED;
      } else if (committed < need) {
        peak -= need;
        color = YELLOW;
      } else {
        peak -= need;
        committed -= need;
        color = GREEN;
      }
      if (compareAndSet(s, new State(c, committed, peak, last, true))) {
        return color;
      }
      Thread.onSpinWait();
    }
  }

  private static long scaled(long units) {
    return units > Long.MAX_VALUE / State.NANOS ? Long.MAX_VALUE : units * State.NANOS;
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

  /** What a meter holds between packets: its configuration, its two buckets and its clock. */
  static final class State {
    static final long NANOS = 1_000_000_000L;
    static final State UNCONFIGURED = new State(null, 0, 0, 0, false);

    final MeterConfig config;
    final long committedTokens;
    final long peakTokens;
    final long lastNanos;
    final boolean started;

    State(MeterConfig config, long committed, long peak, long lastNanos, boolean started) {
      this.config = config;
      this.committedTokens = committed;
      this.peakTokens = peak;
      this.lastNanos = lastNanos;
      this.started = started;
    }
  }
}

/** Padding before a meter's state: a cache line that no other object's fields share. */
abstract class MeterPadding {
  @SuppressWarnings("unused")
  private long l0, l1, l2, l3, l4, l5, l6, l7;
}

/** A meter's state, one reference changed only by compare-and-set. */
abstract class MeterState extends MeterPadding {
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(MeterState.class, "state", Meter.State.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Meter.State state = Meter.State.UNCONFIGURED;

  final Meter.State state() {
    return state;
  }

  final void set(Meter.State next) {
    state = next;
  }

  final boolean compareAndSet(Meter.State expected, Meter.State next) {
    return STATE.compareAndSet(this, expected, next);
  }
}
