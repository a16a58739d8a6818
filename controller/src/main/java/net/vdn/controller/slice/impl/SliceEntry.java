package net.vdn.controller.slice.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.controller.path.Path;
import net.vdn.controller.slice.Slice;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.slice.SliceStatus;
import net.vdn.pipeconf.rule.SliceRule;

/** A slice in force and the rules each of its devices holds for it. */
record SliceEntry(Slice slice, Map<String, List<SliceRule>> rules) {
  SliceSpec spec() {
    return slice.spec();
  }

  static SliceEntry active(SliceSpec spec, List<Path> paths, Map<String, List<SliceRule>> rules) {
    return new SliceEntry(
        new Slice(spec, paths, new ArrayList<>(rules.keySet()), SliceStatus.ACTIVE, null), rules);
  }

  /** This slice, kept on its old paths and rules, but without a path that has its capacity. */
  SliceEntry degraded(String reason) {
    return new SliceEntry(
        new Slice(spec(), slice.paths(), slice.devices(), SliceStatus.DEGRADED, reason), rules);
  }
}
