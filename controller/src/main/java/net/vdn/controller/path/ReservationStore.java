package net.vdn.controller.path;

import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;

/**
 * What each link direction has promised, and to which slice: bits per second by the source port of
 * the direction; and which slice holds each slice id and edge port. The sum of a direction's
 * reservations never exceeds its capacity, no two slices hold the same slice id or overlapping edge
 * ports, and a slice's holding is changed whole or not at all — one transaction, whichever
 * controller asks.
 */
public interface ReservationStore {
  /**
   * Replaces what a slice holds with {@code wanted}, at once, if every direction has room for it
   * (its capacity less what the other slices hold there), no other slice holds its slice id or an
   * edge port claim that overlaps one of its own, and the slice holds exactly {@code expected} now
   * (null: whatever it holds). Otherwise changes nothing and throws {@link AdmissionException}
   * naming a direction without room, or {@code DuplicateException} naming the slice id, the edge
   * port or the slice that changed meanwhile.
   */
  void admit(String slice, Holding expected, Holding wanted, ToLongFunction<ConnectPoint> capacity);

  /**
   * Replaces what a slice holds with {@code wanted} (b/s by link direction), at once, if every
   * direction has room for it: its capacity less what the other slices hold there. Otherwise
   * changes nothing and throws {@link AdmissionException} naming a direction without room.
   */
  default void reserve(
      String slice, Map<ConnectPoint, Long> wanted, ToLongFunction<ConnectPoint> capacity) {
    admit(slice, null, Holding.rates(wanted), capacity);
  }

  /** Releases everything a slice holds (nothing when it holds nothing). */
  void release(String slice);

  /** Bits per second reserved on the link direction leaving {@code source}, by every slice. */
  long reserved(ConnectPoint source);

  /** What a slice holds ({@link Holding#NONE} when nothing). */
  Holding held(String slice);

  /** What a slice holds, by link direction. */
  default Map<ConnectPoint, Long> heldBy(String slice) {
    return held(slice).rates();
  }

  /** The slices that hold something. */
  Set<String> holders();
}
