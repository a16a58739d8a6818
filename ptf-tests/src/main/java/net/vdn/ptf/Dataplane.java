package net.vdn.ptf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * The data-plane side of a packet test: sends frames into a target's ports and checks what comes
 * out. Every frame the target transmits is queued; an expectation takes the oldest queued frame of
 * its port, so frames on one port are checked in the order they left.
 */
public final class Dataplane {
  /** How long {@link #expectPacket} waits for a frame. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** How long {@link #expectNoPacket()} watches. */
  public static final Duration NO_PACKET_WINDOW = Duration.ofMillis(200);

  private final DataplaneTarget target;
  private final LinkedList<ReceivedFrame> queue = new LinkedList<>();

  public Dataplane(DataplaneTarget target) {
    this.target = target;
    target.receive(this::deliver);
  }

  private synchronized void deliver(ReceivedFrame frame) {
    queue.add(frame);
    notifyAll();
  }

  public void send(int port, byte[] frame) {
    target.send(port, frame);
  }

  /** Expects exactly these bytes as the next frame out of {@code port}. */
  public void expectPacket(int port, byte[] expected) {
    expectPacket(port, Mask.exact(expected));
  }

  /** Expects the next frame out of {@code port} to match, waiting up to the default timeout. */
  public void expectPacket(int port, Mask expected) {
    expectPacket(port, expected, DEFAULT_TIMEOUT);
  }

  public void expectPacket(int port, Mask expected, Duration timeout) {
    ReceivedFrame got = take(port, timeout);
    if (got == null) {
      throw new AssertionError(
          "expected a frame on port "
              + port
              + " within "
              + timeout.toMillis()
              + " ms, got none"
              + otherPorts()
              + "\n  expected: "
              + Mask.dump(expected.expected(), null));
    }
    if (!expected.matches(got.bytes())) {
      throw new AssertionError(
          "frame on port " + port + " differs: " + expected.describeMismatch(got.bytes()));
    }
  }

  /** Expects no frame on any port, now or within {@link #NO_PACKET_WINDOW}. */
  public void expectNoPacket() {
    expectNoPacket(-1, NO_PACKET_WINDOW);
  }

  /** Expects no frame on {@code port}, now or within {@link #NO_PACKET_WINDOW}. */
  public void expectNoPacket(int port) {
    expectNoPacket(port, NO_PACKET_WINDOW);
  }

  private void expectNoPacket(int port, Duration window) {
    ReceivedFrame got = take(port, window);
    if (got != null) {
      throw new AssertionError(
          "expected no frame on " + (port < 0 ? "any port" : "port " + port) + ", got " + got);
    }
  }

  /** Forgets every frame received so far. */
  public synchronized List<ReceivedFrame> drain() {
    List<ReceivedFrame> all = new ArrayList<>(queue);
    queue.clear();
    return all;
  }

  /** The oldest frame of {@code port} (any port when negative), waiting up to {@code timeout}. */
  private synchronized ReceivedFrame take(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Iterator<ReceivedFrame> it = queue.iterator(); it.hasNext(); ) {
        ReceivedFrame f = it.next();
        if (port < 0 || f.port() == port) {
          it.remove();
          return f;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for a frame", e);
      }
    }
  }

  private synchronized String otherPorts() {
    if (queue.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("; frames waiting on other ports:");
    for (ReceivedFrame f : queue) {
      s.append("\n    ").append(f);
    }
    return s.toString();
  }
}
