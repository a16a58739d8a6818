package net.vdn.emulation;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One direction of a virtual link: frames are serialized at the link's capacity, queued up to a
 * bound (tail drop beyond it), and delivered after the propagation latency. A link that is down
 * drops everything.
 */
final class Link {
  /** How much a link queues, in time to drain, before it drops. */
  static final long MAX_QUEUE_NANOS = 50_000_000;

  private final long bitsPerSecond;
  private final long latencyNanos;
  private final ScheduledExecutorService clock;
  private final Consumer<byte[]> deliver;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private long nextFree;
  private volatile boolean up = true;
  private volatile Consumer<byte[]> tap;

  Link(
      long bitsPerSecond,
      long latencyNanos,
      ScheduledExecutorService clock,
      Consumer<byte[]> deliver) {
    this.bitsPerSecond = bitsPerSecond;
    this.latencyNanos = latencyNanos;
    this.clock = clock;
    this.deliver = deliver;
  }

  void send(byte[] frame) {
    Consumer<byte[]> t = tap;
    if (t != null) {
      t.accept(frame);
    }
    if (!up) {
      dropped.incrementAndGet();
      return;
    }
    long now = System.nanoTime();
    long serialization = (frame.length * 8L * 1_000_000_000L) / bitsPerSecond;
    long done;
    synchronized (this) {
      long start = Math.max(now, nextFree);
      if (start - now > MAX_QUEUE_NANOS) {
        dropped.incrementAndGet();
        return;
      }
      done = start + serialization;
      nextFree = done;
    }
    clock.schedule(
        () -> {
          if (up) {
            delivered.incrementAndGet();
            deliver.accept(frame);
          } else {
            dropped.incrementAndGet();
          }
        },
        done + latencyNanos - now,
        TimeUnit.NANOSECONDS);
  }

  /** Shows every frame sent into this direction of the link to {@code t} (null: to nothing). */
  void tap(Consumer<byte[]> t) {
    this.tap = t;
  }

  void setUp(boolean up) {
    this.up = up;
  }

  boolean isUp() {
    return up;
  }

  long dropped() {
    return dropped.get();
  }

  long delivered() {
    return delivered.get();
  }
}
