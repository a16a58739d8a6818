package net.vdn.controller.provider.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.vdn.controller.error.DeviceRefusedException;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.ReadQuery;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.pipeconf.SliceRuleTranslator;
import net.vdn.pipeconf.SlicingNames;
import net.vdn.pipeconf.SlicingPipeline;
import net.vdn.pipeconf.rule.SliceRule;
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes of slice rules on a softswitch are idempotent against leftovers: entries a failed write
 * left on the device without its mirror knowing them (a slice creation that failed while mastership
 * moved) no longer make every later attempt fail with ALREADY_EXISTS.
 */
class MirroredWriteTest {
  private final SliceRuleTranslator translator = new SliceRuleTranslator();
  private SoftswitchDevice device;
  private P4RuntimeClient client;
  private DeviceMirror mirror;
  private P4SliceDevice slices;

  @BeforeEach
  void connect() throws Exception {
    device = new SoftswitchDevice(1, 255);
    int port = device.serve("127.0.0.1", 0);
    client = P4RuntimeClient.connect(ClientOptions.builder("127.0.0.1:" + port).build());
    client.awaitPrimary(Duration.ofSeconds(5));
    client.ensurePipeline(SlicingPipeline.config());
    mirror = new DeviceMirror(client.codec());
    slices = new P4SliceDevice("s1", client, mirror);
  }

  @AfterEach
  void close() throws Exception {
    client.close();
    device.close();
  }

  private List<Update> updates(List<SliceRule> rules) {
    List<Update> out = new ArrayList<>();
    rules.forEach(r -> out.addAll(translator.install(r)));
    return out;
  }

  private List<Entity> state() {
    return client
        .read(
            ReadQuery.allTables(),
            new ReadQuery.MulticastGroups(),
            new ReadQuery.CloneSessions(),
            ReadQuery.meter(SlicingNames.SLICE_METER))
        .stream()
        .filter(e -> !(e instanceof MeterEntry m && m.config() == null))
        .filter(e -> !(e instanceof TableEntry t && t.isDefault()))
        .toList();
  }

  private static List<SliceRule> slice(int id, int port) {
    return List.of(
        SliceRule.Classify.edge(1, id),
        SliceRule.Classify.edge(2, id),
        new SliceRule.Flood(id, List.of(1, 2)),
        new SliceRule.ForwardL2(id, "00:00:00:00:00:09", port));
  }

  @Test
  void leftoversOfAnEarlierAttemptAreAdoptedAndTheInstallSucceeds() {
    List<SliceRule> rules = slice(10, 2);
    // An earlier attempt landed on the device but its answer never reached the mirror.
    client.write(updates(rules), P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR);
    assertThat(mirror.size()).isZero();

    slices.install(rules);

    assertThat(new HashSet<>(state())).isEqualTo(new HashSet<>(mirror.entities()));
    assertThat(mirror.size()).isEqualTo(updates(rules).size());
  }

  @Test
  void aLeftoverThatDiffersIsMadeWhatTheInstallAsks() {
    client.write(
        updates(List.of(new SliceRule.ForwardL2(10, "00:00:00:00:00:09", 3))),
        P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR);

    slices.install(slice(10, 2));

    assertThat(new HashSet<>(state())).isEqualTo(new HashSet<>(mirror.entities()));
    Entity wanted =
        translator.install(new SliceRule.ForwardL2(10, "00:00:00:00:00:09", 2)).get(0).entity();
    assertThat(state()).contains(mirror.canonical(wanted));
  }

  @Test
  void anEntryTheMirrorHoldsForSomethingElseIsRefusedAndNothingOfTheBatchStays() {
    slices.install(slice(10, 3));
    List<Entity> before = state();

    assertThatThrownBy(
            () ->
                slices.install(
                    List.of(
                        SliceRule.Classify.edge(5, 10),
                        new SliceRule.ForwardL2(10, "00:00:00:00:00:09", 2))))
        .isInstanceOf(DeviceRefusedException.class)
        .hasMessageContaining("ALREADY_EXISTS");

    assertThat(new HashSet<>(state())).isEqualTo(new HashSet<>(before));
    assertThat(new HashSet<>(mirror.entities())).isEqualTo(new HashSet<>(before));
  }

  @Test
  void removingWhatIsNotThereSucceeds() {
    slices.install(slice(10, 2));

    slices.remove(slice(10, 2));
    slices.remove(slice(10, 2));

    assertThat(state()).isEmpty();
    assertThat(mirror.size()).isZero();
  }
}
