package net.vdn.gnmi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue of events from the target. Publishing never blocks, so a slow consumer never
 * holds up the gRPC threads: when the queue is full the oldest event is dropped and counted.
 */
public final class EventQueue<T> {
  private final BlockingQueue<T> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong received = new AtomicLong();

  EventQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Adds an event, dropping the oldest when full. Never blocks. */
  void publish(T event) {
    received.incrementAndGet();
    while (!queue.offer(event)) {
      if (queue.poll() != null) {
        dropped.incrementAndGet();
      }
    }
  }

  /** The next event, waiting up to the timeout; null when none came. */
  public T poll(Duration timeout) throws InterruptedException {
    return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Every event queued now, oldest first. */
  public List<T> drain() {
    List<T> out = new ArrayList<>();
    queue.drainTo(out);
    return out;
  }

  /** Events dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Events published since the queue was made, dropped ones included. */
  public long received() {
    return received.get();
  }
}
