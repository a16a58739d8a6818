package net.vdn.controller.federation.impl;

/**
 * When a peer's request must be answered: the peer sends how long it waits ({@value #HEADER}), and
 * whatever this domain asks of its own peers for that request (as a transit) ends before, keeping a
 * fifth of the time, at least 100 ms, to answer. Without the header, or for this domain's own
 * requests, there is no deadline: calls to peers take their own timeouts and attempts.
 */
record Deadline(long atNanos) {
  static final String HEADER = "Vdn-Answer-Within-Ms";
  static final Deadline NONE = new Deadline(Long.MAX_VALUE);

  /** The deadline for a request its sender waits {@code withinMs} for; NONE when not said. */
  static Deadline header(String value) {
    if (value == null || value.isEmpty()) {
      return NONE;
    }
    long ms;
    try {
      ms = Long.parseLong(value);
    } catch (NumberFormatException e) {
      ms = -1;
    }
    if (ms < 1 || ms > 3_600_000) {
      throw new IllegalArgumentException(HEADER + ": needs milliseconds in 1..3600000");
    }
    return new Deadline(System.nanoTime() + (ms - Math.max(100, ms / 5)) * 1_000_000);
  }

  /** Milliseconds left, at most {@code cap}; 0 once passed. */
  long leftMs(long cap) {
    if (atNanos == Long.MAX_VALUE) {
      return cap;
    }
    return Math.max(0, Math.min(cap, (atNanos - System.nanoTime()) / 1_000_000));
  }
}
