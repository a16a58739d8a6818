package net.vdn.openflow.slice.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.pipeconf.rule.InvalidRuleException;
import net.vdn.pipeconf.rule.Ipv4Prefix;
import net.vdn.pipeconf.rule.SliceRule;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBandDrop;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

class FlowTranslatorTest {
  private static final OFFactory OF = OFFactories.getFactory(OFVersion.OF_13);
  private final FlowTranslator translator = new FlowTranslator();

  private Map<String, OfEntry> entries(SliceRule... rules) {
    return translator.translate(List.of(rules)).entries();
  }

  private static List<FlowEntry> flows(Map<String, OfEntry> entries, int table) {
    List<FlowEntry> out = new ArrayList<>();
    for (OfEntry e : entries.values()) {
      if (e instanceof FlowEntry f && f.table() == table && f.priority() > 0) {
        out.add(f);
      }
    }
    return out;
  }

  private static List<OFAction> applied(FlowEntry f) {
    return f.instructions().stream()
        .filter(i -> i instanceof OFInstructionApplyActions)
        .findFirst()
        .map(i -> ((OFInstructionApplyActions) i).getActions())
        .orElseThrow();
  }

  @Test
  void anEmptyRuleSetStillPassesTablesZeroAndTwoOn() {
    Map<String, OfEntry> e = entries();
    assertThat(e.values())
        .containsExactly(
            new FlowEntry(
                0,
                0,
                OF.buildMatch().build(),
                FlowTranslator.COOKIE_MARK,
                List.of(OF.instructions().gotoTable(TableId.of(1)))),
            new FlowEntry(
                2,
                0,
                OF.buildMatch().build(),
                FlowTranslator.COOKIE_MARK,
                List.of(OF.instructions().gotoTable(TableId.of(3)))));
  }

  @Test
  void edgeClassifierMatchesUntaggedFramesAndWritesTheSliceId() {
    FlowEntry f = flows(entries(SliceRule.Classify.edge(5, 42)), 1).getFirst();
    assertThat(f.priority()).isEqualTo(10);
    assertThat(f.cookie()).isEqualTo(0x5644_4E00_0000_002aL);
    assertThat(FlowEntry.matchKey(f.match())).isEqualTo("in_port=5,vlan_vid=0x0");
    assertThat(f.instructions())
        .containsExactly(
            OF.instructions().writeMetadata(U64.of(42), U64.NO_MASK),
            OF.instructions().gotoTable(TableId.of(2)));
  }

  @Test
  void trunkClassifierMatchesTheSliceTagAndPopsIt() {
    FlowEntry f = flows(entries(SliceRule.Classify.trunk(3, 42)), 1).getFirst();
    assertThat(FlowEntry.matchKey(f.match())).isEqualTo("in_port=3,vlan_vid=0x102a");
    assertThat(f.instructions().getFirst())
        .isEqualTo(OF.instructions().applyActions(List.of(OF.actions().popVlan())));
  }

  @Test
  void fiveTupleClassifierAddsItsPrerequisites() {
    FlowEntry f =
        flows(
                entries(
                    new SliceRule.Classify(
                        7,
                        0,
                        1,
                        null,
                        Ipv4Prefix.parse("10.1.0.0/16"),
                        Ipv4Prefix.parse("10.2.3.4"),
                        17,
                        null,
                        4789,
                        30)),
                1)
            .getFirst();
    assertThat(FlowEntry.matchKey(f.match()))
        .isEqualTo(
            "eth_type=0x800,in_port=1,ip_proto=0x11,ipv4_dst=10.2.3.4,"
                + "ipv4_src=10.1.0.0/255.255.0.0,udp_dst=4789,vlan_vid=0x0");
    assertThat(f.priority()).isEqualTo(30);
  }

  @Test
  void tagsAreFoldedIntoEveryOutputOfTheirSlice() {
    Map<String, OfEntry> e =
        entries(
            new SliceRule.Tag(1, 9, false),
            new SliceRule.Tag(2, 9, true),
            new SliceRule.ForwardL2(9, "00:00:00:00:00:02", 2),
            new SliceRule.ForwardL2(9, "00:00:00:00:00:01", 1),
            new SliceRule.Flood(9, List.of(1, 2)));
    List<FlowEntry> forward = flows(e, 3);
    assertThat(forward).hasSize(3);
    List<OFAction> tagged =
        List.of(
            OF.actions().pushVlan(EthType.VLAN_FRAME),
            OF.actions().setField(OF.oxms().vlanVid(OFVlanVidMatch.ofVlan(9))),
            OF.actions().output(OFPort.of(2), 0));
    assertThat(applied(forward.get(0))).isEqualTo(tagged);
    assertThat(applied(forward.get(1))).containsExactly(OF.actions().output(OFPort.of(1), 0));
    assertThat(applied(forward.get(2))).containsExactly(OF.actions().group(OFGroup.of(9)));
    assertThat(forward.get(0).priority()).isGreaterThan(forward.get(2).priority());
    GroupEntry g = (GroupEntry) e.get("group 9");
    assertThat(g.type()).isEqualTo(OFGroupType.ALL);
    assertThat(g.buckets())
        .extracting(b -> b.getActions())
        .containsExactly(List.of(OF.actions().output(OFPort.of(1), 0)), tagged);
  }

  @Test
  void aTagAddedLaterChangesTheFlowsThatOutputThere() {
    Map<String, OfEntry> before = entries(new SliceRule.ForwardL2(9, "00:00:00:00:00:02", 2));
    Map<String, OfEntry> after =
        entries(new SliceRule.ForwardL2(9, "00:00:00:00:00:02", 2), new SliceRule.Tag(2, 9, true));
    List<List<Change>> phases = Change.between(before, after);
    assertThat(phases.get(0)).isEmpty();
    assertThat(phases.get(1))
        .singleElement()
        .extracting(Change::kind)
        .isEqualTo(Change.Kind.MODIFY);
    assertThat(phases.get(2)).isEmpty();
  }

  @Test
  void changesPutGroupsAndMetersAroundTheFlowsThatUseThem() {
    Map<String, OfEntry> none = entries();
    Map<String, OfEntry> slice =
        entries(new SliceRule.Flood(4, List.of(1)), new SliceRule.Meter(4, 1000, 9216, 2000, 9216));
    List<List<Change>> up = Change.between(none, slice);
    assertThat(up.get(0))
        .extracting(c -> c.entry().key())
        .containsExactlyInAnyOrder("meter 4", "group 4");
    assertThat(up.get(1)).allMatch(c -> c.entry() instanceof FlowEntry);
    List<List<Change>> down = Change.between(slice, none);
    assertThat(down.get(1)).allMatch(c -> c.kind() == Change.Kind.DELETE);
    assertThat(down.get(2))
        .extracting(c -> c.entry().key())
        .containsExactlyInAnyOrder("meter 4", "group 4");
    for (Change c : up.get(1)) {
      assertThat(c.inverse().inverse()).isEqualTo(c);
    }
  }

  @Test
  void meterIsKbpsWithOneDropBandAtTheCommittedRateAndBurst() {
    // CIR 1.25 MB/s = 10 Mb/s with a 250 kB burst (200 ms); PIR 20 Mb/s with a 500 kB burst.
    Map<String, OfEntry> e =
        entries(new SliceRule.Meter(3, 1_250_000, 250_000, 2_500_000, 500_000));
    MeterEntry m = (MeterEntry) e.get("meter 3");
    assertThat(m.flags())
        .containsExactlyInAnyOrder(OFMeterFlags.KBPS, OFMeterFlags.BURST, OFMeterFlags.STATS);
    assertThat(m.bands()).singleElement().isInstanceOf(OFMeterBandDrop.class);
    OFMeterBandDrop drop = (OFMeterBandDrop) m.bands().getFirst();
    assertThat(drop.getRate()).isEqualTo(10_000);
    assertThat(drop.getBurstSize()).isEqualTo(2_000);
    FlowEntry f = flows(e, 2).getFirst();
    assertThat(f.instructions())
        .containsExactly(OF.instructions().meter(3), OF.instructions().gotoTable(TableId.of(3)));
    // The committed burst is used as given, small or large (rounded up to whole kilobits).
    for (long burst : List.of(1522L, 12_500L, 1_000_000L)) {
      OFMeterBandDrop band =
          (OFMeterBandDrop)
              ((MeterEntry)
                      entries(new SliceRule.Meter(3, 1_250_000, burst, 1_250_000, 1))
                          .get("meter 3"))
                  .bands()
                  .getFirst();
      assertThat(band.getBurstSize()).isEqualTo((burst * 8 + 999) / 1000);
    }
  }

  @Test
  void refusesACustomerVlanEndpointItCannotTranslate() {
    assertThatThrownBy(() -> entries(new SliceRule.CustomerVlan(1, 300, 10, 0)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("customer VLAN endpoint (VLAN 300 translated to slice 10)");
  }

  @Test
  void refusesACommittedBurstThatNoFullFrameFitsIn() {
    assertThatThrownBy(() -> entries(new SliceRule.Meter(6, 1_250_000, 1521, 1_250_000, 1521)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining(
            "slice 6: a committed burst of 1521 bytes is under one maximum frame (1522 bytes)");
    assertThatThrownBy(() -> entries(new SliceRule.Meter(6, 1_250_000, 0, 1_250_000, 9216)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("slice 6: bursts must be positive");
    assertThatThrownBy(() -> entries(new SliceRule.Meter(6, 1_250_000, 9216, 1_250_000, 0)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("slice 6: bursts must be positive");
  }

  @Test
  void lldpIsPuntedAndArpCopied() {
    Map<String, OfEntry> e =
        entries(new SliceRule.Punt(0x88cc, false), new SliceRule.Punt(0x0806, true));
    List<FlowEntry> punts = flows(e, 0);
    OFInstruction toController =
        OF.instructions().applyActions(List.of(OF.actions().output(OFPort.CONTROLLER, 0xffff)));
    assertThat(punts.get(0).instructions()).containsExactly(toController);
    assertThat(punts.get(1).instructions())
        .containsExactly(toController, OF.instructions().gotoTable(TableId.of(1)));
    assertThat(FlowEntry.matchKey(punts.get(1).match())).isEqualTo("eth_type=0x806");
  }

  @Test
  void routedFlowRewritesMacsAndDecrementsTtl() {
    FlowEntry f =
        flows(
                entries(
                    new SliceRule.ForwardL3(
                        5,
                        Ipv4Prefix.parse("10.9.0.0/24"),
                        6,
                        "02:00:00:00:00:aa",
                        "02:00:00:00:00:bb")),
                3)
            .getFirst();
    assertThat(f.priority()).isEqualTo(1024);
    assertThat(applied(f))
        .containsExactly(
            OF.actions()
                .setField(
                    OF.oxms()
                        .ethSrc(
                            org.projectfloodlight.openflow.types.MacAddress.of(
                                "02:00:00:00:00:aa"))),
            OF.actions()
                .setField(
                    OF.oxms()
                        .ethDst(
                            org.projectfloodlight.openflow.types.MacAddress.of(
                                "02:00:00:00:00:bb"))),
            OF.actions().decNwTtl(),
            OF.actions().output(OFPort.of(6), 0));
  }

  @Test
  void refusesWhatOpenFlowCannotExpressNamingTheField() {
    assertThatThrownBy(() -> entries(SliceRule.Classify.edge(1, 0)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("slice id 0 is outside 1..4094");
    assertThatThrownBy(() -> entries(SliceRule.Classify.edge(0, 5)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("ingress port 0 is not an OpenFlow data port");
    assertThatThrownBy(
            () -> entries(new SliceRule.Classify(5, 0, 1, null, null, null, 1, 80, null, 10)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("L4 ports need IP protocol 6 (TCP) or 17 (UDP), got 1");
    assertThatThrownBy(() -> entries(new SliceRule.ForwardL2(5, "not-a-mac", 1)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("destination MAC: 'not-a-mac' is not a MAC address");
    assertThatThrownBy(() -> entries(new SliceRule.Meter(5, 0, 1, 0, 1)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("rates need 0 < CIR <= PIR");
    assertThatThrownBy(() -> entries(new SliceRule.Flood(5, List.of(1, 1))))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("repeat a port");
    assertThatThrownBy(() -> entries(new SliceRule.Punt(0x100, true)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("ether type 0x100 is outside");
  }

  @Test
  void refusesRulesThatNeedOneEntryTwoWays() {
    assertThatThrownBy(
            () -> entries(SliceRule.Classify.edge(1, 10), SliceRule.Classify.edge(1, 20)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("flow table 1 priority 10 match in_port=1,vlan_vid=0x0")
        .hasMessageContaining("sliceId=10")
        .hasMessageContaining("sliceId=20");
    assertThatThrownBy(
            () -> entries(new SliceRule.Tag(1, 10, true), new SliceRule.Tag(1, 10, false)))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("port 1 is both tagged and untagged");
    // The same rule twice is no conflict.
    assertThat(entries(SliceRule.Classify.edge(1, 10), SliceRule.Classify.edge(1, 10))).hasSize(3);
  }
}
