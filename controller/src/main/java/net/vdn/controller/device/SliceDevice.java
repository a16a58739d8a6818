package net.vdn.controller.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.vdn.pipeconf.rule.SliceRule;

/**
 * A device the slice service programs, whatever it speaks: its provider translates slice rules for
 * it (P4Runtime entities, OpenFlow flows and meters). Each call is all or nothing on the device.
 */
public interface SliceDevice {
  String name();

  /** Installs rules; on any refusal nothing of them stays and it throws. */
  void install(List<SliceRule> rules);

  /** Removes rules; on any refusal it throws. */
  void remove(List<SliceRule> rules);

  /** A slice's counters on this device, as the device reports them now. */
  SliceCounters counters(int sliceId);

  /** The counters of several slices, by slice id; a device may read them all at once. */
  default Map<Integer, SliceCounters> counters(Set<Integer> sliceIds) {
    Map<Integer, SliceCounters> out = new HashMap<>();
    for (int id : sliceIds) {
      out.put(id, counters(id));
    }
    return out;
  }
}
