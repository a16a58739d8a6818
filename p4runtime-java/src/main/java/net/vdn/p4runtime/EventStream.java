package net.vdn.p4runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events from the target (packet-ins, digests, idle timeouts), kept in a bounded queue so that a
 * slow consumer never holds up the gRPC threads: when the queue is full the oldest event is dropped
 * and counted. Consume either by polling or by subscribing (a dedicated thread then delivers).
 */
public final class EventStream<T> {
  private static final Logger log = LoggerFactory.getLogger(EventStream.class);
  private final String device;
  private final String name;
  private final BlockingQueue<T> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private volatile Thread deliverer;

  EventStream(String device, String name, int capacity) {
    this.device = device;
    this.name = name;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Never blocks. */
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

  /** Every event queued now. */
  public List<T> drain() {
    List<T> out = new ArrayList<>();
    queue.drainTo(out);
    return out;
  }

  /** Delivers every event, now and later, to the consumer on a thread of its own. */
  public synchronized void subscribe(Consumer<T> consumer) {
    if (deliverer != null) {
      throw new IllegalStateException(
          "device " + device + ": " + name + " stream already has a subscriber");
    }
    deliverer =
        Thread.ofVirtual()
            .name("p4rt-" + name + "-" + device)
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    T event;
                    try {
                      event = queue.take();
                    } catch (InterruptedException e) {
                      return;
                    }
                    try {
                      consumer.accept(event);
                    } catch (RuntimeException e) {
                      log.warn("device {}: {} subscriber failed on an event", device, name, e);
                    }
                  }
                });
  }

  /** Events dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  public long received() {
    return received.get();
  }

  void close() {
    Thread t = deliverer;
    if (t != null) {
      t.interrupt();
    }
  }
}
