package net.vdn.controller.path.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.Path;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyService;

/**
 * Constrained shortest paths: the fewest hops from one device to another using only links with at
 * least the demanded capacity left (ties broken by more capacity left, then by name, so the same
 * network gives the same path).
 */
final class PathFinder {
  private final TopologyService topology;

  PathFinder(TopologyService topology) {
    this.topology = topology;
  }

  /**
   * The path for {@code bps} from {@code src} to {@code dst}, where {@code left} tells what a link
   * has left for the slice. Throws {@link AdmissionException} with the reason when there is none.
   */
  Path find(String src, String dst, long bps, ToLongFunction<Link> left) {
    if (src.equals(dst)) {
      return new Path(List.of());
    }
    record Step(String device, int hops, long bottleneck) {}
    Map<String, Link> via = new HashMap<>();
    Map<String, Integer> best = new HashMap<>();
    PriorityQueue<Step> queue =
        new PriorityQueue<>(
            (a, b) ->
                a.hops() != b.hops()
                    ? Integer.compare(a.hops(), b.hops())
                    : a.bottleneck() != b.bottleneck()
                        ? Long.compare(b.bottleneck(), a.bottleneck())
                        : a.device().compareTo(b.device()));
    queue.add(new Step(src, 0, Long.MAX_VALUE));
    best.put(src, 0);
    boolean anyLink = false;
    while (!queue.isEmpty()) {
      Step s = queue.poll();
      if (s.device().equals(dst)) {
        break;
      }
      if (s.hops() > best.getOrDefault(s.device(), Integer.MAX_VALUE)) {
        continue;
      }
      List<Link> out = new ArrayList<>(topology.egress(s.device()));
      out.sort((a, b) -> a.toString().compareTo(b.toString()));
      for (Link l : out) {
        anyLink = true;
        long available = left.applyAsLong(l);
        if (available < bps) {
          continue;
        }
        String next = l.dst().device();
        int hops = s.hops() + 1;
        if (hops < best.getOrDefault(next, Integer.MAX_VALUE)) {
          best.put(next, hops);
          via.put(next, l);
          queue.add(new Step(next, hops, Math.min(s.bottleneck(), available)));
        }
      }
    }
    if (!via.containsKey(dst)) {
      throw new AdmissionException(
          anyLink
              ? "no path from "
                  + src
                  + " to "
                  + dst
                  + " has "
                  + bps
                  + " b/s left in both directions"
              : "no links from " + src);
    }
    List<Link> links = new ArrayList<>();
    for (String at = dst; !at.equals(src); at = via.get(at).src().device()) {
      links.add(via.get(at));
    }
    Collections.reverse(links);
    return new Path(links);
  }
}
