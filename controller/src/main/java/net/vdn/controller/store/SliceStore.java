package net.vdn.controller.store;

import java.util.List;
import net.vdn.controller.path.Path;
import net.vdn.controller.slice.SliceSpec;

/**
 * The slices the controller accepted and the paths their bandwidth is reserved on, kept durably.
 * Writes return only once they are durable.
 */
public interface SliceStore {
  /** A slice as stored: what was asked for and the paths reserved for it. */
  record StoredSlice(SliceSpec spec, List<Path> paths) {
    public StoredSlice {
      paths = List.copyOf(paths);
    }
  }

  void put(SliceSpec slice, List<Path> paths);

  void remove(String name);

  List<StoredSlice> all();
}
