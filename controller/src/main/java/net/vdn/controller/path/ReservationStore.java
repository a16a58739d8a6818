package net.vdn.controller.path;

import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;

/**
 * What each link direction has promised, and to which slice: bits per second by the source port of
 * the direction. The sum of a direction's reservations never exceeds its capacity, and a
 * reservation is made whole or not at all.
 */
public interface ReservationStore {
  /**
   * Replaces what a slice holds with {@code wanted} (b/s by link direction), at once, if every
   * direction has room for it: its capacity less what the other slices hold there. Otherwise
   * changes nothing and throws {@link AdmissionException} naming a direction without room.
   */
  void reserve(String slice, Map<ConnectPoint, Long> wanted, ToLongFunction<ConnectPoint> capacity);

  /** Releases everything a slice holds (nothing when it holds nothing). */
  void release(String slice);

  /** Bits per second reserved on the link direction leaving {@code source}, by every slice. */
  long reserved(ConnectPoint source);

  /** What a slice holds, by link direction. */
  Map<ConnectPoint, Long> heldBy(String slice);

  /** The slices that hold something. */
  Set<String> holders();
}
