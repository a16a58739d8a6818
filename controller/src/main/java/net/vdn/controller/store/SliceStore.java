package net.vdn.controller.store;

import java.util.List;
import net.vdn.controller.slice.SliceSpec;

/** The slices the controller accepted, kept durably. Writes return only once they are durable. */
public interface SliceStore {
  void put(SliceSpec slice);

  void remove(String name);

  List<SliceSpec> all();
}
