package net.vdn.controller.federation.impl;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import net.vdn.controller.path.PathService;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyService;

/**
 * The most a new slice could get between two devices of this domain: the bottleneck of the widest
 * path, each link counting what both its directions have left. What peers are told, instead of the
 * topology itself.
 */
final class Widest {
  private Widest() {}

  static long between(TopologyService topology, PathService paths, String from, String to) {
    if (from.equals(to)) {
      return Long.MAX_VALUE;
    }
    Map<String, Long> best = new HashMap<>();
    PriorityQueue<Map.Entry<String, Long>> queue =
        new PriorityQueue<>((a, b) -> Long.compare(b.getValue(), a.getValue()));
    best.put(from, Long.MAX_VALUE);
    queue.add(Map.entry(from, Long.MAX_VALUE));
    while (!queue.isEmpty()) {
      var at = queue.poll();
      if (at.getValue() < best.getOrDefault(at.getKey(), 0L)) {
        continue;
      }
      if (at.getKey().equals(to)) {
        return at.getValue();
      }
      for (Link l : topology.egress(at.getKey())) {
        long left = left(topology, paths, l);
        long width = Math.min(at.getValue(), left);
        if (width > best.getOrDefault(l.dst().device(), 0L)) {
          best.put(l.dst().device(), width);
          queue.add(Map.entry(l.dst().device(), width));
        }
      }
    }
    return 0;
  }

  private static long left(TopologyService topology, PathService paths, Link l) {
    long there = l.capacityBps() - paths.reserved(l);
    long back =
        topology.linkFrom(l.dst()).map(r -> r.capacityBps() - paths.reserved(r)).orElse(there);
    return Math.max(0, Math.min(there, back));
  }
}
