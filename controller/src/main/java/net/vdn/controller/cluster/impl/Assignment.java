package net.vdn.controller.cluster.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who should master each device: a live member, each member's load within one of every other's (n
 * devices over m members: each holds n/m, the first n%m of them one more), devices staying with
 * their master while it is live and within its share, the others going to the least loaded member
 * (the first by name on a tie). The same inputs give the same answer on every member, so each
 * claims what the answer gives it and nothing else.
 */
final class Assignment {
  private Assignment() {}

  /**
   * @param devices every device of the cluster
   * @param live the live members
   * @param current each device's master now (absent: none yet)
   * @return each device's master to be
   */
  static Map<String, String> of(
      Collection<String> devices, Collection<String> live, Map<String, String> current) {
    Map<String, String> out = new TreeMap<>();
    TreeSet<String> members = new TreeSet<>(live);
    if (members.isEmpty()) {
      return out;
    }
    TreeSet<String> sorted = new TreeSet<>(devices);
    int base = sorted.size() / members.size();
    int extra = sorted.size() % members.size();
    Map<String, List<String>> kept = new TreeMap<>();
    members.forEach(m -> kept.put(m, new ArrayList<>()));
    for (String d : sorted) {
      String m = current.get(d);
      if (m != null && members.contains(m) && kept.get(m).size() < base + 1) {
        kept.get(m).add(d);
      }
    }
    List<String> full = new ArrayList<>();
    kept.forEach(
        (m, ds) -> {
          if (ds.size() == base + 1) {
            full.add(m);
          }
        });
    for (int i = full.size() - 1; i >= extra; i--) {
      List<String> ds = kept.get(full.get(i));
      ds.remove(ds.size() - 1);
    }
    kept.forEach((m, ds) -> ds.forEach(d -> out.put(d, m)));
    for (String d : sorted) {
      if (!out.containsKey(d)) {
        String least = null;
        for (String m : members) {
          if (least == null || kept.get(m).size() < kept.get(least).size()) {
            least = m;
          }
        }
        kept.get(least).add(d);
        out.put(d, least);
      }
    }
    return out;
  }
}
