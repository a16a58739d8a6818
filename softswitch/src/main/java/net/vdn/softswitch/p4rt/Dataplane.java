package net.vdn.softswitch.p4rt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.vdn.softswitch.OutputPacket;
import net.vdn.softswitch.Switch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run a device's frames through its pipeline: a fixed number of workers, each with
 * a bounded queue of its own. A frame goes to the worker its flow hashes to ({@link FlowHash}), so
 * the frames of one flow are processed in the order they came in, by one worker; packet-outs all go
 * to the first worker, in the order they were sent. A frame that finds its worker's queue full is
 * dropped at once and counted against its ingress port: under overload the workers keep forwarding
 * at their rate and the excess costs only the enqueue that fails.
 *
 * <p>A worker takes up to {@link #BATCH} queued frames at a time, processes them with a {@link
 * Switch.Worker} of the pipeline in force, and hands the frames they produced to the device grouped
 * by egress port, in order.
 */
final class Dataplane implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dataplane.class);

  /** Frames a worker takes from its queue at a time. */
  static final int BATCH = 64;

  /** What a worker hands its output to. */
  interface Output {
    /** The pipeline in force, or null. */
    Pipeline pipeline();

    /** Frames a batch produced, in order, with the pipeline that produced them. */
    void emit(Pipeline p, List<OutputPacket> out);

    /** A frame of {@code length} bytes from {@code port} dropped at a full queue. */
    void dropped(int port, int length);
  }

  private record Frame(int port, byte[] bytes) {}

  private final long deviceId;
  private final int cpuPort;
  private final Output output;
  private final WorkerThread[] workers;
  private final java.util.function.IntSupplier spread;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean running = true;

  /**
   * {@code workers} threads, of which frames are spread over the first {@code spread} (at least
   * one, at most all; asked per frame, so it may grow as ports are declared).
   */
  Dataplane(
      long deviceId,
      int cpuPort,
      int workers,
      java.util.function.IntSupplier spread,
      int queueFrames,
      Output output) {
    if (workers < 1) {
      throw new IllegalArgumentException("a dataplane needs at least one worker, got " + workers);
    }
    if (queueFrames < 1) {
      throw new IllegalArgumentException("worker queues need room for a frame, got " + queueFrames);
    }
    this.deviceId = deviceId;
    this.cpuPort = cpuPort;
    this.output = output;
    this.spread = spread;
    this.workers = new WorkerThread[workers];
    for (int i = 0; i < workers; i++) {
      this.workers[i] = new WorkerThread(i, queueFrames);
    }
    for (WorkerThread w : this.workers) {
      w.thread.start();
    }
  }

  int workers() {
    return workers.length;
  }

  /** Frames dropped because their worker's queue was full. */
  long dropped() {
    return dropped.get();
  }

  /**
   * Queues a frame that came in on {@code port} for the worker of its flow; false (and counted)
   * when that worker's queue is full.
   */
  boolean offer(int port, byte[] frame) {
    int n = Math.min(workers.length, Math.max(1, spread.getAsInt()));
    int w = n == 1 || port == cpuPort ? 0 : FlowHash.workerOf(port, frame, n);
    if (running && workers[w].queue.offer(new Frame(port, frame))) {
      return true;
    }
    dropped.incrementAndGet();
    output.dropped(port, frame.length);
    return false;
  }

  /** Frames waiting in the workers' queues. */
  int queued() {
    int n = 0;
    for (WorkerThread w : workers) {
      n += w.queue.size();
    }
    return n;
  }

  @Override
  public void close() {
    running = false;
    for (WorkerThread w : workers) {
      w.thread.interrupt();
    }
    for (WorkerThread w : workers) {
      try {
        w.thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private final class WorkerThread implements Runnable {
    private final ArrayBlockingQueue<Frame> queue;
    private final Thread thread;
    private final List<Frame> batch = new ArrayList<>(BATCH);
    private final List<OutputPacket> out = new ArrayList<>(BATCH * 2);
    private Switch engine;
    private Switch.Worker worker;

    WorkerThread(int index, int queueFrames) {
      this.queue = new ArrayBlockingQueue<>(queueFrames);
      this.thread =
          Thread.ofPlatform()
              .daemon()
              .name("softswitch-" + deviceId + "-worker-" + index)
              .unstarted(this);
    }

    @Override
    public void run() {
      while (running) {
        try {
          batch.add(queue.take());
        } catch (InterruptedException e) {
          break;
        }
        queue.drainTo(batch, BATCH - 1);
        try {
          processBatch();
        } catch (RuntimeException e) {
          log.warn("softswitch {}: a batch of frames failed: {}", deviceId, e.toString());
        } finally {
          batch.clear();
          out.clear();
        }
      }
      if (worker != null) {
        worker.close();
      }
    }

    private void processBatch() {
      Pipeline p = output.pipeline();
      if (p == null) {
        return;
      }
      if (p.engine() != engine) {
        if (worker != null) {
          worker.close();
        }
        engine = p.engine();
        worker = engine.newWorker();
      }
      for (Frame f : batch) {
        try {
          out.addAll(worker.process(f.port, f.bytes));
        } catch (RuntimeException e) {
          log.warn("softswitch {}: packet from port {} failed: {}", deviceId, f.port, e.toString());
        }
      }
      if (!out.isEmpty()) {
        output.emit(p, out);
      }
    }
  }
}
