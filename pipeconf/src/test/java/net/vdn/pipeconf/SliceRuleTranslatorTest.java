package net.vdn.pipeconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.vdn.p4runtime.Entities;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.ActionCall;
import net.vdn.p4runtime.entity.Match;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.pipeconf.rule.InvalidRuleException;
import net.vdn.pipeconf.rule.Ipv4Prefix;
import net.vdn.pipeconf.rule.SliceRule;
import org.junit.jupiter.api.Test;

class SliceRuleTranslatorTest {
  private final SliceRuleTranslator translator = new SliceRuleTranslator();
  private final Entities codec = Entities.of(SlicingPipeline.p4info());

  private static final List<SliceRule> EVERY_KIND =
      List.of(
          SliceRule.Classify.edge(1, 10),
          SliceRule.Classify.trunk(4, 10),
          new SliceRule.Classify(
              20,
              5,
              2,
              null,
              Ipv4Prefix.parse("10.2.0.0/16"),
              Ipv4Prefix.parse("10.9.9.9"),
              17,
              null,
              4789,
              50),
          new SliceRule.Tag(4, 10, true),
          new SliceRule.Tag(1, 10, false),
          new SliceRule.CustomerVlan(1, 300, 10, 2),
          new SliceRule.ForwardL2(10, "00:00:00:00:00:02", 2),
          new SliceRule.ForwardL3(
              10, Ipv4Prefix.parse("10.1.0.0/16"), 4, "00:00:00:00:aa:01", "00:00:00:00:bb:01"),
          new SliceRule.Meter(10, 1_250_000, 15_000, 2_500_000, 30_000),
          new SliceRule.Count(10),
          new SliceRule.Flood(10, List.of(1, 2, 4)),
          new SliceRule.Punt(0x88cc, false),
          new SliceRule.Punt(0x0806, true));

  @Test
  void everyRuleKindBecomesEntitiesTheProgramAccepts() {
    for (SliceRule rule : EVERY_KIND) {
      for (Update u : translator.install(rule)) {
        assertThat(codec.encode(u)).as("%s", rule).isNotNull();
      }
      for (Update u : translator.remove(rule)) {
        assertThat(codec.encode(u)).as("removal of %s", rule).isNotNull();
      }
    }
  }

  @Test
  void trunkClassificationMatchesTheSliceTagAndEdgeOnlyUntaggedFrames() {
    TableEntry trunk =
        (TableEntry) translator.install(SliceRule.Classify.trunk(4, 10)).get(0).entity();
    assertThat(trunk.matches())
        .containsEntry("vlan_valid", Match.ternary(Value.of(1), Value.of(1)))
        .containsEntry("vlan_id", Match.ternary(Value.of(10), Value.ones(12)));
    TableEntry edge =
        (TableEntry) translator.install(SliceRule.Classify.edge(1, 10)).get(0).entity();
    assertThat(edge.matches()).containsEntry("vlan_valid", Match.ternary(Value.ZERO, Value.of(1)));
    assertThat(edge.matches()).doesNotContainKey("vlan_id");
  }

  @Test
  void classificationByIpv4AddressesMatchesIpv4FramesOnly() {
    TableEntry byPrefix = (TableEntry) translator.install(EVERY_KIND.get(2)).get(0).entity();
    assertThat(byPrefix.matches())
        .containsEntry("ipv4_valid", Match.ternary(Value.of(1), Value.of(1)));
    TableEntry edge =
        (TableEntry) translator.install(SliceRule.Classify.edge(1, 10)).get(0).entity();
    assertThat(edge.matches()).doesNotContainKey("ipv4_valid");
  }

  @Test
  void aCustomerVlanIsTranslatedToTheSliceOnTheWayInAndBackOnTheWayOut() {
    var updates = translator.install(new SliceRule.CustomerVlan(3, 300, 10, 2));
    assertThat(updates).hasSize(2);
    TableEntry in = (TableEntry) updates.get(0).entity();
    assertThat(in.table()).isEqualTo(SlicingNames.CUSTOMER_VLAN);
    assertThat(in.matches())
        .containsEntry("ingress_port", Match.exact(Value.of(3)))
        .containsEntry("vlan_id", Match.exact(Value.of(300)));
    ActionCall from = (ActionCall) in.action();
    assertThat(from.action()).isEqualTo(SlicingNames.FROM_CUSTOMER_VLAN);
    assertThat(from.params())
        .containsEntry("slice_id", Value.of(10))
        .containsEntry("tc", Value.of(2));
    TableEntry out = (TableEntry) updates.get(1).entity();
    ActionCall to = (ActionCall) out.action();
    assertThat(to.action()).isEqualTo(SlicingNames.TO_CUSTOMER_VLAN);
    assertThat(to.params()).containsEntry("customer_vid", Value.of(300));
    assertThat(translator.remove(new SliceRule.CustomerVlan(3, 300, 10, 2)))
        .extracting(Update::type)
        .containsOnly(Update.Type.DELETE);
    assertThatThrownBy(() -> new SliceRule.CustomerVlan(3, 4095, 10, 0))
        .isInstanceOf(InvalidRuleException.class);
  }

  @Test
  void floodIsAGroupPerSliceAndAnEntryPointingAtIt() {
    var updates = translator.install(new SliceRule.Flood(30, List.of(3, 1)));
    assertThat(updates)
        .extracting(Update::type)
        .containsExactly(Update.Type.INSERT, Update.Type.INSERT);
    assertThat(((MulticastGroup) updates.get(0).entity()).groupId()).isEqualTo(30);
    assertThat(((TableEntry) updates.get(1).entity()).action())
        .isEqualTo(net.vdn.p4runtime.entity.ActionCall.of(SlicingNames.FLOOD, "group", 30));
  }

  @Test
  void metersAndCountersAreCellModifications() {
    assertThat(translator.install(new SliceRule.Meter(7, 100, 10, 200, 20)))
        .extracting(Update::type)
        .containsOnly(Update.Type.MODIFY);
    assertThat(translator.install(new SliceRule.Count(7)))
        .hasSize(5)
        .extracting(Update::type)
        .containsOnly(Update.Type.MODIFY);
  }

  @Test
  void refusesWhatThePipelineCannotExpress() {
    assertThatThrownBy(() -> translator.install(SliceRule.Classify.edge(1, 4095)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("slice id 4095 is outside 1..4094");
    assertThatThrownBy(() -> translator.install(new SliceRule.Tag(255, 10, true)))
        .hasMessageContaining("egress port 255 is not a data port");
    assertThatThrownBy(
            () ->
                translator.install(
                    new SliceRule.Classify(10, 0, 1, null, null, null, null, 80, null, 5)))
        .hasMessageContaining("L4 ports need IP protocol 6 (TCP) or 17 (UDP)");
    assertThatThrownBy(() -> translator.install(new SliceRule.Meter(10, 200, 10, 100, 10)))
        .hasMessageContaining("0 < CIR <= PIR");
    assertThatThrownBy(() -> translator.install(new SliceRule.Flood(10, List.of(1, 1))))
        .hasMessageContaining("repeat a port");
    assertThatThrownBy(() -> translator.install(new SliceRule.ForwardL2(10, "00:00:00:00:00", 1)))
        .hasMessageContaining("destination MAC");
    assertThatThrownBy(
            () ->
                translator.install(
                    new SliceRule.Classify(10, 9, 1, null, null, null, null, null, null, 5)))
        .hasMessageContaining("traffic class 9 is outside 0..7");
    assertThatThrownBy(() -> Ipv4Prefix.parse("10.0.0.1/8")).hasMessageContaining("host bits set");
    assertThatThrownBy(() -> Ipv4Prefix.parse("10.0.0/8"))
        .hasMessageContaining("not an IPv4 prefix");
  }
}
