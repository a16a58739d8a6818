package net.vdn.controller.store;

import java.util.Map;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.EdgeClaim;
import net.vdn.controller.path.Holding;

/**
 * The admission rule every reservation store applies, over what it holds now: the slice holds what
 * its caller expects, every direction has room, its slice id and edge ports are free. The memory
 * store applies it under its lock, the etcd store to what it read, in the transaction that compares
 * every key it read.
 */
public final class Admissions {
  private Admissions() {}

  /** What the rule reads of a store's state. */
  public interface State {
    Holding held(String slice);

    /** Bits per second reserved on a direction by every slice. */
    long reserved(ConnectPoint direction);

    /** The slice holding a slice id, or null. */
    String idHolder(int sliceId);

    /** The edge claims made on a port, by slice. */
    Map<String, java.util.List<EdgeClaim>> claimsOn(ConnectPoint port);
  }

  /** Throws when {@code slice} may not hold {@code wanted}; changes nothing. */
  public static void check(
      String slice,
      Holding expected,
      Holding wanted,
      ToLongFunction<ConnectPoint> capacity,
      State state) {
    Holding now = state.held(slice);
    if (expected != null && !expected.equals(now)) {
      throw new DuplicateException(
          expected.isEmpty()
              ? "slice '" + slice + "' exists already or is being created by another request"
              : "slice '" + slice + "' was changed by another request meanwhile; nothing changed");
    }
    for (var e : wanted.rates().entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("a reservation cannot be negative: " + e);
      }
      long others = state.reserved(e.getKey()) - now.rates().getOrDefault(e.getKey(), 0L);
      long left = capacity.applyAsLong(e.getKey()) - others;
      if (left < e.getValue()) {
        throw new AdmissionException(
            "the link direction from "
                + e.getKey()
                + " has "
                + left
                + " b/s left, slice "
                + slice
                + " needs "
                + e.getValue());
      }
    }
    if (wanted.sliceId() != 0) {
      String holder = state.idHolder(wanted.sliceId());
      if (holder != null && !holder.equals(slice)) {
        throw new DuplicateException(
            "sliceId: " + wanted.sliceId() + " is used by slice '" + holder + "'");
      }
    }
    for (EdgeClaim claim : wanted.edges()) {
      for (var other : state.claimsOn(claim.port()).entrySet()) {
        if (other.getKey().equals(slice)) {
          continue;
        }
        for (EdgeClaim taken : other.getValue()) {
          if (taken.overlaps(claim)) {
            throw new DuplicateException(
                "endpoint " + claim + " is taken by slice '" + other.getKey() + "'");
          }
        }
      }
    }
  }
}
