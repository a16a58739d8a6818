package net.vdn.emulation;

/** What a host received on one UDP port: datagrams, payload bytes, the rate and the loss. */
public final class UdpReceiver {
  private long packets;
  private long bytes;
  private long highestSeq = -1;
  private long firstNanos;
  private long lastNanos;

  synchronized void record(long seq, int payloadBytes) {
    long now = System.nanoTime();
    if (packets == 0) {
      firstNanos = now;
    }
    lastNanos = now;
    packets++;
    bytes += payloadBytes;
    highestSeq = Math.max(highestSeq, seq);
  }

  public synchronized long packets() {
    return packets;
  }

  public synchronized long bytes() {
    return bytes;
  }

  /** Datagrams missing among those up to the highest sequence number seen. */
  public synchronized long lost() {
    return Math.max(0, highestSeq + 1 - packets);
  }

  /** Payload bits per second between the first and the last datagram. */
  public synchronized double bitsPerSecond() {
    if (packets < 2 || lastNanos == firstNanos) {
      return 0;
    }
    return bytes * 8.0 * 1e9 / (lastNanos - firstNanos);
  }

  public synchronized void reset() {
    packets = 0;
    bytes = 0;
    highestSeq = -1;
  }
}
