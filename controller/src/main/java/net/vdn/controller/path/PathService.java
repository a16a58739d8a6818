package net.vdn.controller.path;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.topology.Link;

/**
 * Admission on the links' capacity. A slice carries traffic both ways between its endpoints, so its
 * committed rate is reserved on both directions of every link it uses; the same devices in any
 * order give the same paths and the same reservations.
 */
public interface PathService {
  /**
   * Finds paths joining {@code devices} (a tree rooted at the first of them by name) on links with
   * {@code bps} left in both directions — what the slice itself holds counts as free — and reserves
   * them, replacing what the slice held. Throws {@link AdmissionException} with the reason,
   * changing nothing.
   */
  default List<Path> admit(String slice, Collection<String> devices, long bps) {
    return admit(slice, devices, bps, Claims.NONE);
  }

  /**
   * Admits a slice whole: paths as {@link #admit(String, Collection, long)} finds them, reserved in
   * one step with the slice's id and edge ports, provided the slice holds what {@code claims}
   * expects. Throws {@link AdmissionException} (no room) or {@code DuplicateException} (id or port
   * taken, the slice changed meanwhile), changing nothing.
   */
  List<Path> admit(String slice, Collection<String> devices, long bps, Claims claims);

  /**
   * The paths {@link #admit(String, Collection, long, Claims)} would find and reserve now, found
   * only: {@link #admit(String, List, long, Claims)} then admits them. Throws {@link
   * AdmissionException} when no path has room.
   */
  List<Path> plan(String slice, Collection<String> devices, long bps);

  /**
   * Admits a slice on paths {@link #plan} found, as {@link #admit(String, Collection, long,
   * Claims)} does (refused, changing nothing, if what they need was taken meanwhile); returns them.
   */
  List<Path> admit(String slice, List<Path> planned, long bps, Claims claims);

  /** Reserves exactly these paths, both directions (a stored slice taken back after a restart). */
  default void reserve(String slice, List<Path> paths, long bps) {
    reserve(slice, paths, bps, Claims.NONE);
  }

  /** Reserves exactly these paths with the slice's id and edge ports, as {@code admit} does. */
  void reserve(String slice, List<Path> paths, long bps, Claims claims);

  void release(String slice);

  /** Bits per second reserved on a link direction. */
  long reserved(Link direction);

  /** What a slice holds, by link direction (the source port of each). */
  Map<ConnectPoint, Long> heldBy(String slice);

  /** Everything a slice holds: rates, slice id, edge ports. */
  Holding held(String slice);
}
