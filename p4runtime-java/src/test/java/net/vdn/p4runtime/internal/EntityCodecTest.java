package net.vdn.p4runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.vdn.p4runtime.Fixtures;
import net.vdn.p4runtime.InvalidEntityException;
import net.vdn.p4runtime.P4InfoException;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.ActionCall;
import net.vdn.p4runtime.entity.ActionProfileGroup;
import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.Match;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.RegisterEntry;
import net.vdn.p4runtime.entity.Replica;
import net.vdn.p4runtime.entity.TableAction;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.proto.v1.FieldMatch;
import org.junit.jupiter.api.Test;

class EntityCodecTest {
  private final EntityCodec codec = new EntityCodec(Fixtures.unitP4Info(), false);
  private final EntityCodec legacy = new EntityCodec(Fixtures.unitP4Info(), true);

  private static TableEntry.Builder fwd() {
    return TableEntry.in("Ingress.fwd")
        .exact("dst_addr", Value.mac("00:00:00:00:00:0a"))
        .ternary("ingress_port", Value.of(1), Value.ones(9))
        .priority(10)
        .action("set_port", "port", 2);
  }

  @Test
  void encodesCanonicalBytesAndRoundTrips() {
    TableEntry entry = fwd().idleTimeoutNs(1_000_000).build();
    var proto = codec.tableEntry(entry, EntityCodec.Purpose.WRITE);
    assertThat(proto.getTableId()).isEqualTo(33554433);
    assertThat(proto.getMatch(0).getExact().getValue().toByteArray()).containsExactly(0x0a);
    assertThat(proto.getMatch(1).getTernary().getMask().toByteArray()).containsExactly(0x01, 0xff);
    assertThat(proto.getAction().getAction().getParams(0).getValue().toByteArray())
        .containsExactly(2);
    TableEntry back = codec.decodeTableEntry(proto);
    assertThat(back.table()).isEqualTo("Ingress.fwd");
    assertThat(back.matches())
        .containsEntry("hdr.ethernet.dst_addr", Match.exact(Value.mac("00:00:00:00:00:0a")));
    assertThat(back.action()).isEqualTo(ActionCall.of("Ingress.set_port", "port", 2));
    assertThat(codec.decode(codec.encode(back, EntityCodec.Purpose.WRITE))).isEqualTo(back);
  }

  @Test
  void rejectsTernaryEntryWithoutPriority() {
    assertThatThrownBy(() -> codec.tableEntry(fwd().priority(0).build(), EntityCodec.Purpose.WRITE))
        .isInstanceOf(InvalidEntityException.class)
        .hasMessageContaining("need a priority > 0");
  }

  @Test
  void rejectsPriorityOnExactAndLpmTables() {
    var e =
        TableEntry.in("routes")
            .lpm("dst_addr", Value.ip("10.0.0.0"), 8)
            .priority(3)
            .action("set_port", "port", 1)
            .build();
    assertThatThrownBy(() -> codec.tableEntry(e, EntityCodec.Purpose.WRITE))
        .hasMessageContaining("priority must be 0");
  }

  @Test
  void rejectsValuesWiderThanTheField() {
    assertThatThrownBy(
            () ->
                codec.tableEntry(
                    fwd().action("set_port", "port", 512).build(), EntityCodec.Purpose.WRITE))
        .isInstanceOf(InvalidEntityException.class)
        .hasMessageContaining("parameter 'port'")
        .hasMessageContaining("does not fit 9 bits");
    assertThatThrownBy(
            () ->
                codec.tableEntry(
                    fwd().exact("dst_addr", Value.hex("1000000000000")).build(),
                    EntityCodec.Purpose.WRITE))
        .hasMessageContaining("match field 'hdr.ethernet.dst_addr'")
        .hasMessageContaining("does not fit 48 bits");
  }

  @Test
  void rejectsBitsOutsideTheMaskOrPrefix() {
    assertThatThrownBy(
            () ->
                codec.tableEntry(
                    fwd().ternary("ingress_port", Value.of(3), Value.of(1)).build(),
                    EntityCodec.Purpose.WRITE))
        .hasMessageContaining("has bits outside mask");
    var lpm =
        TableEntry.in("routes")
            .lpm("dst_addr", Value.ip("10.0.0.1"), 8)
            .action("set_port", "port", 1);
    assertThatThrownBy(() -> codec.tableEntry(lpm.build(), EntityCodec.Purpose.WRITE))
        .hasMessageContaining("bits set past its /8 prefix");
  }

  @Test
  void leavesOutDontCareFields() {
    var ternaryWildcard = fwd().ternary("ingress_port", Value.ZERO, Value.ZERO).build();
    assertThat(codec.tableEntry(ternaryWildcard, EntityCodec.Purpose.WRITE).getMatchList())
        .extracting(FieldMatch::getFieldId)
        .containsExactly(1);
    var defaultRoute =
        TableEntry.in("routes")
            .lpm("dst_addr", Value.ZERO, 0)
            .action("set_port", "port", 1)
            .build();
    assertThat(codec.tableEntry(defaultRoute, EntityCodec.Purpose.WRITE).getMatchCount()).isZero();
    var fullRange =
        TableEntry.in("Egress.fwd")
            .range("port", Value.ZERO, Value.ones(9))
            .priority(1)
            .action("set_port", "port", 1)
            .build();
    assertThat(codec.tableEntry(fullRange, EntityCodec.Purpose.WRITE).getMatchCount()).isZero();
  }

  @Test
  void rejectsMissingExactFieldAndWrongMatchKind() {
    var missing = TableEntry.in("Ingress.fwd").priority(1).action("set_port", "port", 1).build();
    assertThatThrownBy(() -> codec.tableEntry(missing, EntityCodec.Purpose.WRITE))
        .hasMessageContaining("exact match field 'hdr.ethernet.dst_addr' is missing");
    var wrongKind = fwd().lpm("dst_addr", Value.of(1), 48).build();
    assertThatThrownBy(() -> codec.tableEntry(wrongKind, EntityCodec.Purpose.WRITE))
        .hasMessageContaining("is exact, got a lpm match");
  }

  @Test
  void checksActionsAgainstTheTableAndTheirScope() {
    assertThatThrownBy(
            () -> codec.tableEntry(fwd().action("NoAction").build(), EntityCodec.Purpose.WRITE))
        .hasMessageContaining("may only be the default action");
    assertThatThrownBy(
            () ->
                codec.tableEntry(
                    TableEntry.defaultEntry("Ingress.fwd", ActionCall.of("drop")),
                    EntityCodec.Purpose.WRITE))
        .hasMessageContaining("may not be the default action");
    var routes =
        TableEntry.in("routes").lpm("dst_addr", Value.ip("10.0.0.0"), 8).action("drop").build();
    assertThatThrownBy(() -> codec.tableEntry(routes, EntityCodec.Purpose.WRITE))
        .hasMessageContaining("is not an action of table 'Ingress.routes'")
        .hasMessageContaining("allowed: Ingress.set_port, NoAction");
    assertThatThrownBy(
            () -> codec.tableEntry(fwd().action("set_port").build(), EntityCodec.Purpose.WRITE))
        .hasMessageContaining("parameter 'port' is missing");
    assertThatThrownBy(
            () ->
                codec.tableEntry(
                    fwd().action("set_port", "port", 1, "vlan", 2).build(),
                    EntityCodec.Purpose.WRITE))
        .isInstanceOf(P4InfoException.class)
        .hasMessageContaining("unknown parameter 'vlan'");
  }

  @Test
  void indirectTablesTakeMembersGroupsOrActionSets() {
    var direct =
        TableEntry.in("ecmp").exact("dst", Value.of(1)).action("set_port", "port", 1).build();
    assertThatThrownBy(() -> codec.tableEntry(direct, EntityCodec.Purpose.WRITE))
        .hasMessageContaining("is implemented by action profile 'Ingress.ecmp_selector'");
    var group = TableEntry.in("ecmp").exact("dst", Value.of(1)).group(7).build();
    assertThat(
            codec
                .tableEntry(group, EntityCodec.Purpose.WRITE)
                .getAction()
                .getActionProfileGroupId())
        .isEqualTo(7);
    var set =
        TableEntry.in("ecmp")
            .exact("dst", Value.of(1))
            .action(
                new TableAction.ActionSet(
                    List.of(
                        new TableAction.WeightedAction(ActionCall.of("set_port", "port", 1), 1),
                        new TableAction.WeightedAction(ActionCall.of("set_port", "port", 2), 3))))
            .build();
    var encoded = codec.tableEntry(set, EntityCodec.Purpose.WRITE);
    assertThat(encoded.getAction().getActionProfileActionSet().getActionProfileActionsCount())
        .isEqualTo(2);
    assertThat(codec.decodeTableEntry(encoded))
        .isEqualTo(codec.decodeTableEntry(codec.tableEntry(set, EntityCodec.Purpose.WRITE)));
    var badGroup =
        new ActionProfileGroup(
            "ecmp_selector", 1, List.of(new ActionProfileGroup.Member(1, 1)), 32);
    assertThatThrownBy(() -> codec.encode(badGroup, EntityCodec.Purpose.WRITE))
        .hasMessageContaining("max size 32 is outside 0..16");
  }

  @Test
  void idleTimeoutNeedsTableSupport() {
    var routes =
        TableEntry.in("routes")
            .lpm("dst_addr", Value.ip("10.0.0.0"), 8)
            .action("set_port", "port", 1)
            .idleTimeoutNs(5)
            .build();
    assertThatThrownBy(() -> codec.tableEntry(routes, EntityCodec.Purpose.WRITE))
        .hasMessageContaining("does not support idle timeouts");
  }

  @Test
  void cellsCheckIndexRangeAndRegisterWidth() {
    assertThatThrownBy(
            () ->
                codec.encode(
                    new CounterEntry("port_counter", 512, CounterData.ZERO),
                    EntityCodec.Purpose.WRITE))
        .hasMessageContaining("index 512 is outside 0..511");
    assertThatThrownBy(
            () ->
                codec.encode(
                    new RegisterEntry("last_seen", 1, Value.of(1L << 32)),
                    EntityCodec.Purpose.WRITE))
        .hasMessageContaining("does not fit 32 bits");
    var all = codec.encode(new MeterEntry("port_meter", -1, null), EntityCodec.Purpose.KEY);
    assertThat(all.getMeterEntry().hasIndex()).isFalse();
  }

  @Test
  void replicaPortsFollowTheTargetVersion() {
    var group = new MulticastGroup(5, List.of(new Replica(3, 0), new Replica(300, 1)));
    var modern = codec.encode(group, EntityCodec.Purpose.WRITE).getPacketReplicationEngineEntry();
    var old = legacy.encode(group, EntityCodec.Purpose.WRITE).getPacketReplicationEngineEntry();
    assertThat(modern.getMulticastGroupEntry().getReplicas(1).getPort().toByteArray())
        .containsExactly(1, 44);
    assertThat(old.getMulticastGroupEntry().getReplicas(1).getEgressPort()).isEqualTo(300);
    var wrapped =
        net.vdn.p4runtime.proto.v1.Entity.newBuilder().setPacketReplicationEngineEntry(old).build();
    assertThat(codec.decode(wrapped)).isEqualTo(group);
  }
}
