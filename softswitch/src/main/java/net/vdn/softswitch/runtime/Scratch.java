package net.vdn.softswitch.runtime;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The working buffers of one packet-processing thread: table keys and their probes, parser select
 * keys, hash inputs, and the random numbers of {@code modify_field_rng_uniform}. The compiled
 * program is shared by every worker of a switch and holds no per-packet state; what a look-up or a
 * hash needs to write goes here, reached through {@link Phv#scratch}. Not thread-safe: one per
 * worker.
 */
public final class Scratch {
  /** Buffers of exactly these many bytes are kept; longer ones are allocated per use. */
  private static final int KEPT = 128;

  private final byte[][] keys = new byte[KEPT + 1][];
  private final byte[][] probes = new byte[KEPT + 1][];
  private final byte[][] selects = new byte[KEPT + 1][];
  private byte[] calculation = new byte[256];
  private final ByteKey probe = new ByteKey(new byte[0]);
  private final RandomGenerator random;
  private final int stripe;

  /**
   * {@code stripe} picks the cells of striped shared state (counters) this worker adds to; workers
   * of one switch get different ones.
   */
  public Scratch(RandomGenerator random, int stripe) {
    this.random = random;
    this.stripe = stripe;
  }

  /** Scratch with its own unseeded random numbers (for tests and single uses). */
  public Scratch() {
    this(new SplittableRandom(), 0);
  }

  /** The stripe of striped shared state this worker writes. */
  public int stripe() {
    return stripe;
  }

  /** A table key buffer of exactly {@code length} bytes. */
  public byte[] key(int length) {
    return exact(keys, length);
  }

  /** A second buffer of exactly {@code length} bytes, for a masked copy of a key. */
  public byte[] probeBytes(int length) {
    return exact(probes, length);
  }

  /** A parser select-key buffer of exactly {@code length} bytes. */
  public byte[] selectKey(int length) {
    return exact(selects, length);
  }

  /** The hash-map probe of look-ups. */
  public ByteKey probe() {
    return probe;
  }

  /**
   * The calculation buffer, at least {@code length} bytes long; when it grows, what it held is
   * kept.
   */
  public byte[] calculation(int length) {
    if (length > calculation.length) {
      calculation = Arrays.copyOf(calculation, Math.max(length, calculation.length * 2));
    }
    return calculation;
  }

  public RandomGenerator random() {
    return random;
  }

  private static byte[] exact(byte[][] kept, int length) {
    if (length > KEPT) {
      return new byte[length];
    }
    byte[] b = kept[length];
    if (b == null) {
      b = new byte[length];
      kept[length] = b;
    }
    return b;
  }
}
