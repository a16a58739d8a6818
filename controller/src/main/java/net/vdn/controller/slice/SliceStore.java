package net.vdn.controller.slice;

import java.util.List;
import java.util.Optional;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.path.Path;

/**
 * The slices the controller accepted, with the paths their rate is reserved on and what their
 * counters held before devices restarted, kept durably. A write returns once it is durable.
 */
public interface SliceStore {
  /**
   * A slice as stored.
   *
   * @param counterBase traffic counted before the devices' counters started again (device restarts,
   *     devices the slice left), added to what the devices count now
   */
  record StoredSlice(SliceSpec spec, List<Path> paths, SliceCounters counterBase) {
    public StoredSlice {
      paths = List.copyOf(paths);
      counterBase = counterBase == null ? SliceCounters.ZERO : counterBase;
    }

    public String name() {
      return spec.name();
    }
  }

  /** Adds or replaces a slice by name; durable when it returns. */
  void put(StoredSlice slice);

  /** Forgets a slice (nothing when it is not there); durable when it returns. */
  void remove(String name);

  /**
   * Puts a slice only while each device of {@code terms} is still mastered at its term (a cluster's
   * fence: a slice programmed under a master that has since been replaced is not stored); otherwise
   * changes nothing and throws {@code DeviceUnavailableException}. A store of one controller has no
   * masters and only puts.
   */
  default void put(StoredSlice slice, java.util.Map<String, Long> terms) {
    put(slice);
  }

  /**
   * Removes a slice only while each device of {@code terms} is still mastered at its term. A store
   * that also keeps the reservations (a cluster's) releases what the slice holds in the same step.
   */
  default void remove(String name, java.util.Map<String, Long> terms) {
    remove(name);
  }

  Optional<StoredSlice> get(String name);

  List<StoredSlice> all();

  /** What a store shared by several controllers tells each of them (its own writes included). */
  interface Listener {
    void put(StoredSlice slice);

    void removed(String name);
  }

  /**
   * Hears every slice put and removed in a store that several controllers share, on the store's own
   * thread (a listener must not wait on the store there). A store of one controller has nothing to
   * tell and ignores it.
   */
  default void addListener(Listener listener) {}
}
