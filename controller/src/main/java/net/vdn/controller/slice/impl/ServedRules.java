package net.vdn.controller.slice.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.controller.slice.SliceStore;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.controller.slice.spi.Masters;
import net.vdn.pipeconf.rule.SliceRule;

/**
 * What this controller does for the others in a cluster: its devices' part of the slices they
 * create, change and delete, compiled from the stored slices.
 */
final class ServedRules implements Masters.Handler {
  private final SliceStore store;
  private final SliceCompiler compiler;
  private final Programming programming;

  ServedRules(SliceStore store, SliceCompiler compiler, Programming programming) {
    this.store = store;
    this.compiler = compiler;
    this.programming = programming;
  }

  @Override
  public void move(String device, StoredSlice before, StoredSlice after) {
    List<SliceRule> old = rulesOn(before, device);
    List<SliceRule> now = rulesOn(after, device);
    if (!old.equals(now)) {
      programming.move(Map.of(device, old), Map.of(device, now));
    }
  }

  @Override
  public List<SliceRule> rulesFor(String device) {
    List<SliceRule> out = new ArrayList<>();
    for (StoredSlice s : store.all()) {
      out.addAll(rulesOn(s, device));
    }
    return out;
  }

  private List<SliceRule> rulesOn(StoredSlice s, String device) {
    return s == null
        ? List.of()
        : compiler.compile(s.spec(), s.paths()).getOrDefault(device, List.of());
  }
}
