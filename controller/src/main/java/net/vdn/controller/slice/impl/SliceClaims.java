package net.vdn.controller.slice.impl;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.vdn.controller.path.Claims;
import net.vdn.controller.path.EdgeClaim;
import net.vdn.controller.path.Holding;
import net.vdn.controller.path.Path;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.slice.SliceStatus;
import net.vdn.pipeconf.rule.SliceRule;

/** What a slice claims of the network and where it sits: the terms admission is asked in. */
final class SliceClaims {
  private SliceClaims() {}

  /** What a slice claims besides rate: its id and edge ports; it must hold {@code expected}. */
  static Claims claims(SliceSpec spec, Holding expected) {
    return new Claims(spec.sliceId(), edges(spec), expected);
  }

  static List<EdgeClaim> edges(SliceSpec spec) {
    return spec.endpoints().stream()
        .map(e -> new EdgeClaim(e.point(), e.srcPrefix(), e.vlan()))
        .toList();
  }

  /** What a slice in force holds: its paths' rate when active, its id and edge ports always. */
  static Holding holding(SliceEntry e) {
    return Holding.of(held(e), e.spec().cirBps(), e.spec().sliceId(), edges(e.spec()));
  }

  /** The paths a slice holds capacity on: none while it is degraded. */
  static List<Path> held(SliceEntry e) {
    return e.slice().status() == SliceStatus.ACTIVE ? e.slice().paths() : List.of();
  }

  /** The devices of a slice's endpoints, in the order they are given. */
  static Set<String> devicesOf(SliceSpec spec) {
    Set<String> out = new LinkedHashSet<>();
    spec.endpoints().forEach(e -> out.add(e.device()));
    return out;
  }

  /** The devices that had rules before a change and have none after it. */
  static Set<String> gone(Map<String, List<SliceRule>> before, Map<String, List<SliceRule>> after) {
    Set<String> out = new HashSet<>(before.keySet());
    out.removeAll(after.keySet());
    return out;
  }
}
