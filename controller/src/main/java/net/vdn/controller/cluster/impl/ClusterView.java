package net.vdn.controller.cluster.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.vdn.controller.cluster.ClusterService;
import net.vdn.controller.cluster.ClusterService.Member;
import net.vdn.controller.cluster.ClusterService.View;
import net.vdn.controller.store.etcd.Etcd;
import net.vdn.controller.store.etcd.MasterRecord;

/**
 * What the cluster looks like from this member ({@code GET /api/v1/cluster}): the members it knows,
 * alive or not, with the devices each masters; each device's master, term and readiness; the
 * store's state.
 */
final class ClusterView {
  private ClusterView() {}

  static View of(ClusterManager cluster, Liveness liveness, Etcd etcd, long changes) {
    String me = cluster.self();
    Set<String> live = cluster.live();
    Map<String, List<String>> byMember = new TreeMap<>();
    liveness.known().forEach(m -> byMember.put(m, new ArrayList<>()));
    List<ClusterService.Mastership> masters = new ArrayList<>();
    for (String d : cluster.devices()) {
      MasterRecord m = cluster.master(d);
      if (m == null) {
        masters.add(new ClusterService.Mastership(d, null, 0, false));
        continue;
      }
      byMember.computeIfAbsent(m.member(), k -> new ArrayList<>()).add(d);
      MasterRecord r = MasterRecord.read(etcd.get("ready/" + d));
      masters.add(new ClusterService.Mastership(d, m.member(), m.term(), m.equals(r)));
    }
    List<Member> out = new ArrayList<>();
    byMember.forEach(
        (name, ds) -> {
          Liveness.Seen s = liveness.get(name);
          out.add(
              new Member(
                  name,
                  s == null ? null : s.record().api(),
                  name.equals(me),
                  live.contains(name),
                  ds));
        });
    String trouble = etcd.trouble();
    return new View(
        "etcd",
        me,
        trouble == null ? etcd.describe() : etcd.describe() + ": " + trouble,
        trouble == null,
        out,
        masters,
        changes);
  }
}
