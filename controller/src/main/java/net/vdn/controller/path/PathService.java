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
  List<Path> admit(String slice, Collection<String> devices, long bps);

  /** Reserves exactly these paths, both directions (a stored slice taken back after a restart). */
  void reserve(String slice, List<Path> paths, long bps);

  void release(String slice);

  /** Bits per second reserved on a link direction. */
  long reserved(Link direction);

  /** What a slice holds, by link direction (the source port of each). */
  Map<ConnectPoint, Long> heldBy(String slice);
}
