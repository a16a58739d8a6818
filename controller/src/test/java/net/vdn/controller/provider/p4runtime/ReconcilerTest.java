package net.vdn.controller.provider.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.ReadQuery;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.pipeconf.SliceRuleTranslator;
import net.vdn.pipeconf.SlicingPipeline;
import net.vdn.pipeconf.rule.SliceRule;
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import org.junit.jupiter.api.Test;

/** A softswitch that drifted from its mirror is brought back to exactly the mirror. */
class ReconcilerTest {
  private final SliceRuleTranslator translator = new SliceRuleTranslator();

  private List<Update> install(SliceRule... rules) {
    List<Update> out = new ArrayList<>();
    for (SliceRule r : rules) {
      out.addAll(translator.install(r));
    }
    return out;
  }

  private static List<Entity> state(P4RuntimeClient client) {
    List<ReadQuery> q =
        new ArrayList<>(
            List.of(
                ReadQuery.allTables(),
                new ReadQuery.MulticastGroups(),
                new ReadQuery.CloneSessions(),
                ReadQuery.meter(net.vdn.pipeconf.SlicingNames.SLICE_METER)));
    return client.read(q.toArray(ReadQuery[]::new)).stream()
        .filter(e -> !(e instanceof MeterEntry m && m.config() == null))
        .filter(e -> !(e instanceof TableEntry t && t.isDefault()))
        .toList();
  }

  @Test
  void strayMissingAndChangedEntitiesAreFixedAndARightDeviceIsLeftAlone() throws Exception {
    try (SoftswitchDevice device = new SoftswitchDevice(1, 255)) {
      int port = device.serve("127.0.0.1", 0);
      try (var client =
          P4RuntimeClient.connect(ClientOptions.builder("127.0.0.1:" + port).build())) {
        client.awaitPrimary(Duration.ofSeconds(5));
        client.ensurePipeline(SlicingPipeline.config());
        DeviceMirror mirror = new DeviceMirror(client.codec());
        List<Update> wanted =
            install(
                SliceRule.Classify.edge(1, 10),
                SliceRule.Classify.edge(2, 10),
                new SliceRule.Tag(1, 10, false),
                new SliceRule.Flood(10, List.of(1, 2)),
                new SliceRule.Meter(10, 1_000_000, 10_000, 2_000_000, 20_000));
        assertThat(client.write(wanted, P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR).allOk())
            .isTrue();
        mirror.apply(wanted);

        // Drift: one entry lost, one stray entry, a changed group, a stray meter cell.
        client
            .batch()
            .delete(translator.install(SliceRule.Classify.edge(2, 10)).get(0).entity())
            .insert(
                translator
                    .install(new SliceRule.ForwardL2(10, "00:00:00:00:00:09", 2))
                    .get(0)
                    .entity())
            .modify(
                new net.vdn.p4runtime.entity.MulticastGroup(
                    10, List.of(new net.vdn.p4runtime.entity.Replica(1, 0))))
            .modify(translator.install(new SliceRule.Meter(20, 5, 9216, 5, 9216)).get(0).entity())
            .sendOrThrow();
        assertThat(new HashSet<>(state(client))).isNotEqualTo(new HashSet<>(mirror.entities()));

        ReconcileReport report = new Reconciler().reconcile("s1", client, mirror);
        assertThat(report).isEqualTo(new ReconcileReport(2, 1, 1));
        assertThat(new HashSet<>(state(client))).isEqualTo(new HashSet<>(mirror.entities()));

        assertThat(new Reconciler().reconcile("s1", client, mirror).changes())
            .as("nothing rewritten")
            .isZero();
      }
    }
  }
}
