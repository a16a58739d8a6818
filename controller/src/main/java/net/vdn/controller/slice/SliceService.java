package net.vdn.controller.slice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.vdn.controller.device.SliceCounters;

/**
 * Slices: admitted on the links' capacity, programmed on all their devices or none, stored before
 * the call returns, re-routed (or degraded) when a link they use fails. Refusals: {@code
 * AdmissionException} (no capacity, not an edge port), {@code DuplicateException} (name or id taken
 * with other settings), {@code NotFoundException}, {@code DeviceUnavailableException}, and the
 * devices' own refusals; a refused call changes nothing.
 */
public interface SliceService {
  /**
   * Admits, programs and stores a slice. Asking again for a slice that exists exactly so returns it
   * (retries are idempotent).
   */
  Slice create(SliceSpec spec);

  /**
   * Changes a slice's rates, endpoints or class; its old reservation counts as free for it. On any
   * refusal it stays exactly as it was.
   */
  Slice modify(SliceSpec spec);

  void delete(String name);

  Optional<Slice> get(String name);

  List<Slice> list();

  /**
   * A slice's traffic, summed over its devices and cumulative over its life: device restarts and
   * re-routes do not start it again, only deleting the slice does.
   */
  SliceCounters counters(String name);

  /** Every slice's counters, reading each device once; slices on unreadable devices left out. */
  Map<String, SliceCounters> allCounters();

  void addListener(SliceListener listener);
}
