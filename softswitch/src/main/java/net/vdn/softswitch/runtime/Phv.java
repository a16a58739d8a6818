package net.vdn.softswitch.runtime;

import java.util.Arrays;

/**
 * The packet header vector: all per-packet state of one packet while it goes through a pipeline.
 * Field values live in one {@code long[]} addressed by slots resolved at load time; headers have a
 * validity flag; header stacks a count of valid elements. Instances are reused from packet to
 * packet, so nothing here allocates in steady state.
 */
public final class Phv {
  private static final long[] NO_PARAMS = new long[0];

  /** Field words, addressed by {@code FieldInfo.slot()}. */
  public final long[] f;

  /** Validity per header instance index. */
  public final boolean[] valid;

  /** Number of valid elements (the next index to extract) per header stack. */
  public final int[] stackNext;

  /** The working buffers of the thread processing this packet (shared by its copies). */
  public final Scratch scratch;

  /** The action data of the action being executed. */
  public long[] params = NO_PARAMS;

  /** The packet as received; parsing moves {@link #cursor} through it. */
  public byte[] packet = new byte[0];

  public int length;

  /** Parse position in bytes; after parsing, the start of the payload. */
  public int cursor;

  /** Set by the {@code exit} primitive: the rest of the current control is skipped. */
  public boolean exit;

  /** Clone requested by {@code clone_*_pkt_to_egress}: session id, or -1 for none. */
  public int cloneSession = -1;

  public int cloneFieldList;

  /** Field list id of a requested resubmit, or -1. */
  public int resubmitFieldList = -1;

  /** Field list id of a requested recirculation, or -1. */
  public int recirculateFieldList = -1;

  /** Learn list id of a requested digest, or 0. */
  public int learnList;

  /** Truncation length in bytes requested by {@code truncate}, or 0. */
  public int truncateLength;

  public Phv(int slots, int headers, int stacks) {
    this(slots, headers, stacks, new Scratch());
  }

  public Phv(int slots, int headers, int stacks, Scratch scratch) {
    this.scratch = scratch;
    this.f = new long[slots];
    this.valid = new boolean[headers];
    this.stackNext = new int[stacks];
  }

  /** Clears all state for a new packet. */
  public void reset() {
    Arrays.fill(f, 0);
    Arrays.fill(valid, false);
    Arrays.fill(stackNext, 0);
    params = NO_PARAMS;
    cursor = 0;
    exit = false;
    clearRequests();
  }

  /** Clears the side-band requests primitives made (clone, resubmit, digests, ...). */
  public void clearRequests() {
    cloneSession = -1;
    cloneFieldList = 0;
    resubmitFieldList = -1;
    recirculateFieldList = -1;
    learnList = 0;
    truncateLength = 0;
  }

  /** Makes this a copy of {@code other}, sharing its (immutable) packet bytes. */
  public void copyFrom(Phv other) {
    System.arraycopy(other.f, 0, f, 0, f.length);
    System.arraycopy(other.valid, 0, valid, 0, valid.length);
    System.arraycopy(other.stackNext, 0, stackNext, 0, stackNext.length);
    params = other.params;
    packet = other.packet;
    length = other.length;
    cursor = other.cursor;
    exit = other.exit;
    cloneSession = other.cloneSession;
    cloneFieldList = other.cloneFieldList;
    resubmitFieldList = other.resubmitFieldList;
    recirculateFieldList = other.recirculateFieldList;
    learnList = other.learnList;
    truncateLength = other.truncateLength;
  }
}
