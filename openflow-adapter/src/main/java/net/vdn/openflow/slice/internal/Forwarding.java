package net.vdn.openflow.slice.internal;

import static net.vdn.openflow.slice.internal.FlowTranslator.OF;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.vdn.pipeconf.rule.InvalidRuleException;
import net.vdn.pipeconf.rule.SliceRule;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Table 3 and the groups: where a slice's frames leave, by destination MAC ({@link
 * SliceRule.ForwardL2}), by IPv4 prefix with rewritten MACs ({@link SliceRule.ForwardL3}), or to
 * every port of the slice through its ALL group ({@link SliceRule.Flood}).
 */
final class Forwarding {
  static final int PRIORITY_L2 = 3000;
  static final int PRIORITY_L3_BASE = 1000;
  static final int PRIORITY_FLOOD = 10;

  private Forwarding() {}

  static FlowEntry l2(SliceRule.ForwardL2 f, Egress egress) {
    return new FlowEntry(
        FlowTranslator.TABLE_FORWARD,
        PRIORITY_L2,
        OF.buildMatch()
            .setExact(MatchField.METADATA, OfValues.metadata(f.sliceId()))
            .setExact(MatchField.ETH_DST, OfValues.mac(f.mac(), "destination MAC"))
            .build(),
        FlowTranslator.cookie(f.sliceId()),
        List.of(
            OF.instructions()
                .applyActions(egress.to(f.sliceId(), OfValues.port(f.port(), "output port")))));
  }

  /** A route: longer prefixes first, then MACs rewritten, TTL decremented and out. */
  static FlowEntry l3(SliceRule.ForwardL3 f, Egress egress) {
    if (f.dst() == null) {
      throw new InvalidRuleException("an L3 rule needs a destination prefix");
    }
    Match.Builder m =
        OF.buildMatch()
            .setExact(MatchField.METADATA, OfValues.metadata(f.sliceId()))
            .setExact(MatchField.ETH_TYPE, EthType.IPv4);
    OfValues.prefix(m, MatchField.IPV4_DST, f.dst());
    List<OFAction> actions = new ArrayList<>();
    actions.add(OF.actions().setField(OF.oxms().ethSrc(OfValues.mac(f.srcMac(), "source MAC"))));
    actions.add(OF.actions().setField(OF.oxms().ethDst(OfValues.mac(f.dstMac(), "next-hop MAC"))));
    actions.add(OF.actions().decNwTtl());
    actions.addAll(egress.to(f.sliceId(), OfValues.port(f.port(), "output port")));
    return new FlowEntry(
        FlowTranslator.TABLE_FORWARD,
        PRIORITY_L3_BASE + f.dst().length(),
        m.build(),
        FlowTranslator.cookie(f.sliceId()),
        List.of(OF.instructions().applyActions(actions)));
  }

  /**
   * The slice's ALL group (group id = slice id, one bucket per port) and the lowest flow of the
   * slice in table 3, which sends to it. The switch never floods a frame back out of its port.
   */
  static List<OfEntry> flood(SliceRule.Flood f, Egress egress) {
    int slice = SliceRule.checkSliceId(f.sliceId());
    if (f.ports().isEmpty()) {
      throw new InvalidRuleException("slice " + slice + ": a flood rule needs at least one port");
    }
    if (new HashSet<>(f.ports()).size() != f.ports().size()) {
      throw new InvalidRuleException(
          "slice " + slice + ": flood ports " + f.ports() + " repeat a port");
    }
    List<OFBucket> buckets = new ArrayList<>();
    for (int p : f.ports()) {
      buckets.add(
          OF.buildBucket()
              .setWatchGroup(OFGroup.ANY)
              .setWatchPort(OFPort.ANY)
              .setActions(egress.to(slice, OfValues.port(p, "flood port")))
              .build());
    }
    GroupEntry group = new GroupEntry(slice, OFGroupType.ALL, buckets);
    FlowEntry flow =
        new FlowEntry(
            FlowTranslator.TABLE_FORWARD,
            PRIORITY_FLOOD,
            OF.buildMatch().setExact(MatchField.METADATA, OfValues.metadata(slice)).build(),
            FlowTranslator.cookie(slice),
            List.of(
                OF.instructions().applyActions(List.of(OF.actions().group(OFGroup.of(slice))))));
    return List.of(group, flow);
  }
}
