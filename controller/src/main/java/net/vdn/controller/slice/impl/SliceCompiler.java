package net.vdn.controller.slice.impl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.vdn.controller.path.Path;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.topology.Link;
import net.vdn.pipeconf.rule.SliceRule;

/**
 * Compiles a slice and the paths chosen for it into the slice rules each device needs. The slice is
 * one broadcast domain over the tree the paths form: edge ports classify and untag, links carry the
 * slice id as their VLAN tag, every device floods within the slice's ports, meters the slice, and
 * forwards unicast towards the hosts whose MACs are known.
 */
public final class SliceCompiler {
  /**
   * The least burst a meter gets, whatever the rate: TCP senders hand the network segments of up to
   * 64 KiB at once (segmentation offload), and a bucket smaller than that drops part of every one
   * of them at low rates.
   */
  static final long MIN_BURST_BYTES = 64 * 1024;

  /** The rules per device, in a stable order. */
  public Map<String, List<SliceRule>> compile(SliceSpec slice, List<Path> paths) {
    int id = slice.sliceId();
    Map<String, Set<SliceRule>> rules = new TreeMap<>();
    Map<String, Set<Integer>> floodPorts = new TreeMap<>();
    Map<String, Map<String, Integer>> towards = new HashMap<>();
    for (Endpoint e : slice.endpoints()) {
      floodPorts.computeIfAbsent(e.device(), d -> new TreeSet<>()).add(e.port());
      if (e.vlan() != null && e.vlan() != id) {
        add(
            rules,
            e.device(),
            new SliceRule.CustomerVlan(e.port(), e.vlan(), id, slice.trafficClass()));
        continue;
      }
      add(
          rules,
          e.device(),
          new SliceRule.Classify(
              id,
              slice.trafficClass(),
              e.port(),
              e.vlan(),
              e.srcPrefix(),
              null,
              null,
              null,
              null,
              e.srcPrefix() == null ? 10 : 20));
      add(rules, e.device(), new SliceRule.Tag(e.port(), id, e.vlan() != null));
    }
    Set<Link> tree = new LinkedHashSet<>();
    for (Path p : paths) {
      tree.addAll(p.links());
    }
    for (Link l : tree) {
      for (var end : List.of(l.src(), l.dst())) {
        add(rules, end.device(), SliceRule.Classify.trunk(end.port(), id));
        add(rules, end.device(), new SliceRule.Tag(end.port(), id, true));
        floodPorts.computeIfAbsent(end.device(), d -> new TreeSet<>()).add(end.port());
      }
      towards
          .computeIfAbsent(l.src().device(), d -> new HashMap<>())
          .put(l.dst().device(), l.src().port());
      towards
          .computeIfAbsent(l.dst().device(), d -> new HashMap<>())
          .put(l.src().device(), l.dst().port());
    }
    long cirBytes = slice.cirBps() / 8;
    long pirBytes = slice.pirBps() / 8;
    long burstMs = slice.burstMs();
    for (var e : floodPorts.entrySet()) {
      String device = e.getKey();
      add(rules, device, new SliceRule.Flood(id, List.copyOf(e.getValue())));
      add(
          rules,
          device,
          new SliceRule.Meter(
              id, cirBytes, burst(cirBytes, burstMs), pirBytes, burst(pirBytes, burstMs)));
      add(rules, device, new SliceRule.Count(id));
    }
    for (Endpoint host : slice.endpoints()) {
      if (host.hostMac() == null) {
        continue;
      }
      for (String device : floodPorts.keySet()) {
        int port =
            device.equals(host.device()) ? host.port() : nextHop(towards, device, host.device());
        add(rules, device, new SliceRule.ForwardL2(id, host.hostMac(), port));
      }
    }
    Map<String, List<SliceRule>> out = new LinkedHashMap<>();
    rules.forEach((d, r) -> out.put(d, List.copyOf(r)));
    return out;
  }

  /**
   * A meter's burst: {@code burstMs} of traffic at the rate (at least a round trip's worth lets a
   * TCP sender reach the rate), never under {@link #MIN_BURST_BYTES}.
   */
  static long burst(long bytesPerSecond, long burstMs) {
    long bytes;
    try {
      bytes = Math.multiplyExact(bytesPerSecond, burstMs) / 1000;
    } catch (ArithmeticException e) {
      bytes = Long.MAX_VALUE / 1000;
    }
    return Math.max(MIN_BURST_BYTES, bytes);
  }

  private static void add(Map<String, Set<SliceRule>> rules, String device, SliceRule rule) {
    rules.computeIfAbsent(device, d -> new LinkedHashSet<>()).add(rule);
  }

  /** The port on {@code from} that leads to {@code to} over the slice's tree. */
  private static int nextHop(Map<String, Map<String, Integer>> towards, String from, String to) {
    Deque<String> queue = new ArrayDeque<>(List.of(to));
    Map<String, String> parent = new HashMap<>();
    parent.put(to, to);
    while (!queue.isEmpty()) {
      String at = queue.poll();
      for (String n : towards.getOrDefault(at, Map.of()).keySet()) {
        if (parent.putIfAbsent(n, at) == null) {
          queue.add(n);
        }
      }
    }
    String next = parent.get(from);
    if (next == null) {
      throw new IllegalStateException(from + " is not on the slice's tree towards " + to);
    }
    return towards.get(from).get(next);
  }
}
