package net.vdn.controller.provider.p4runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.device.SliceDevice;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.ReadQuery;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.pipeconf.SliceRuleTranslator;
import net.vdn.pipeconf.SlicingNames;
import net.vdn.pipeconf.rule.SliceRule;

/** A connected P4 device the slice service programs: its client and its mirror. */
record P4SliceDevice(String name, P4RuntimeClient client, DeviceMirror mirror)
    implements SliceDevice {
  private static final SliceRuleTranslator TRANSLATOR = new SliceRuleTranslator();

  /** Installs rules in one batch; on any refusal nothing of the batch stays and it throws. */
  @Override
  public void install(List<SliceRule> rules) {
    write(updates(rules, true));
  }

  /** Records rules in a mirror as already on its device. */
  static void expect(DeviceMirror mirror, List<SliceRule> rules) {
    mirror.apply(updates(rules, true));
  }

  @Override
  public void remove(List<SliceRule> rules) {
    write(updates(rules, false));
  }

  @Override
  public SliceCounters counters(int sliceId) {
    return counters(
            List.of(
                ReadQuery.key(new CounterEntry(SlicingNames.SLICE_INGRESS, sliceId, null)),
                ReadQuery.key(new CounterEntry(SlicingNames.SLICE_EGRESS, sliceId, null)),
                ReadQuery.key(new CounterEntry(SlicingNames.SLICE_DROPS, sliceId, null))),
            Set.of(sliceId))
        .getOrDefault(sliceId, SliceCounters.ZERO);
  }

  /** Reads the three slice counters whole, once, instead of one cell per slice. */
  @Override
  public Map<Integer, SliceCounters> counters(Set<Integer> sliceIds) {
    return counters(
        List.of(
            ReadQuery.counter(SlicingNames.SLICE_INGRESS),
            ReadQuery.counter(SlicingNames.SLICE_EGRESS),
            ReadQuery.counter(SlicingNames.SLICE_DROPS)),
        sliceIds);
  }

  /** Ingress, egress and dropped packets and bytes per slice, from the cells the queries read. */
  private Map<Integer, SliceCounters> counters(List<ReadQuery> queries, Set<Integer> sliceIds) {
    Map<Integer, long[]> cells = new HashMap<>();
    List<Entity> read;
    try {
      read = client.read(queries.toArray(ReadQuery[]::new));
    } catch (RuntimeException e) {
      throw P4RuntimeProvider.translate(name, e);
    }
    for (Entity e : read) {
      if (e instanceof CounterEntry c && c.data() != null && sliceIds.contains((int) c.index())) {
        int at =
            switch (c.counter()) {
              case SlicingNames.SLICE_INGRESS -> 0;
              case SlicingNames.SLICE_EGRESS -> 2;
              default -> 4;
            };
        long[] sum = cells.computeIfAbsent((int) c.index(), k -> new long[6]);
        sum[at] += c.data().packets();
        sum[at + 1] += c.data().bytes();
      }
    }
    Map<Integer, SliceCounters> out = new HashMap<>();
    cells.forEach((id, c) -> out.put(id, new SliceCounters(c[0], c[1], c[2], c[3], c[4], c[5])));
    return out;
  }

  private static List<Update> updates(List<SliceRule> rules, boolean install) {
    List<Update> out = new ArrayList<>();
    for (SliceRule r : rules) {
      out.addAll(install ? TRANSLATOR.install(r) : TRANSLATOR.remove(r));
    }
    if (!install) {
      Collections.reverse(out);
    }
    return out;
  }

  private void write(List<Update> updates) {
    if (updates.isEmpty()) {
      return;
    }
    // Reconciliation holds the mirror too: it never sees half of a write.
    synchronized (mirror) {
      try {
        new MirroredWrite(name, client, mirror).write(updates);
      } catch (RuntimeException e) {
        throw P4RuntimeProvider.translate(name, e);
      }
    }
  }
}
