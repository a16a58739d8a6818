package net.vdn.openflow.slice.internal;

import static net.vdn.openflow.slice.internal.FlowTranslator.OF;

import java.util.ArrayList;
import java.util.List;
import net.vdn.pipeconf.rule.InvalidRuleException;
import net.vdn.pipeconf.rule.SliceRule;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * Tables 0 and 1: which frames go to the controller ({@link SliceRule.Punt}) and which slice a
 * frame belongs to ({@link SliceRule.Classify}).
 */
final class Classification {
  static final int PRIORITY_PUNT = 40000;
  private static final int CONTROLLER_MAX_LEN = 0xffff;

  private Classification() {}

  /** Table 0: the ether type to the controller only, or to it and on to table 1 (copy). */
  static FlowEntry punt(SliceRule.Punt p) {
    if (p.etherType() < 0x600 || p.etherType() > 0xffff) {
      throw new InvalidRuleException(
          "ether type 0x" + Integer.toHexString(p.etherType()) + " is outside 0x0600..0xffff");
    }
    OFInstruction toController =
        OF.instructions()
            .applyActions(List.of(OF.actions().output(OFPort.CONTROLLER, CONTROLLER_MAX_LEN)));
    return new FlowEntry(
        FlowTranslator.TABLE_PUNT,
        PRIORITY_PUNT,
        OF.buildMatch().setExact(MatchField.ETH_TYPE, EthType.of(p.etherType())).build(),
        FlowTranslator.COOKIE_MARK,
        p.copy()
            ? List.of(
                toController,
                OF.instructions().gotoTable(TableId.of(FlowTranslator.TABLE_CLASSIFY)))
            : List.of(toController));
  }

  /**
   * Table 1: in_port, the VLAN (or none) and optional IPv4 5-tuple fields write the slice id into
   * the metadata; a tagged frame loses its tag here.
   */
  static FlowEntry classify(SliceRule.Classify c) {
    int slice = SliceRule.checkSliceId(c.sliceId());
    if (c.trafficClass() < 0 || c.trafficClass() > 7) {
      throw new InvalidRuleException("traffic class " + c.trafficClass() + " is outside 0..7");
    }
    if (c.priority() <= 0 || c.priority() > 0xffff) {
      throw new InvalidRuleException(
          "classifier priority must be in 1..65535, got " + c.priority());
    }
    Match.Builder m =
        OF.buildMatch()
            .setExact(MatchField.IN_PORT, OFPort.of(OfValues.port(c.port(), "ingress port")));
    if (c.vlanId() == null) {
      m.setExact(MatchField.VLAN_VID, OFVlanVidMatch.UNTAGGED);
    } else {
      m.setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(SliceRule.checkSliceId(c.vlanId())));
    }
    boolean ip = c.src() != null || c.dst() != null || c.ipProto() != null;
    if ((c.l4SrcPort() != null || c.l4DstPort() != null)
        && (c.ipProto() == null || (c.ipProto() != 6 && c.ipProto() != 17))) {
      throw new InvalidRuleException(
          "L4 ports need IP protocol 6 (TCP) or 17 (UDP), got " + c.ipProto());
    }
    if (ip) {
      m.setExact(MatchField.ETH_TYPE, EthType.IPv4);
    }
    OfValues.prefix(m, MatchField.IPV4_SRC, c.src());
    OfValues.prefix(m, MatchField.IPV4_DST, c.dst());
    if (c.ipProto() != null) {
      if (c.ipProto() < 0 || c.ipProto() > 255) {
        throw new InvalidRuleException("IP protocol " + c.ipProto() + " is outside 0..255");
      }
      m.setExact(MatchField.IP_PROTO, IpProtocol.of(c.ipProto().shortValue()));
    }
    boolean tcp = c.ipProto() != null && c.ipProto() == 6;
    if (c.l4SrcPort() != null) {
      m.setExact(
          tcp ? MatchField.TCP_SRC : MatchField.UDP_SRC,
          TransportPort.of(SliceRule.checkL4Port(c.l4SrcPort(), "L4 source port")));
    }
    if (c.l4DstPort() != null) {
      m.setExact(
          tcp ? MatchField.TCP_DST : MatchField.UDP_DST,
          TransportPort.of(SliceRule.checkL4Port(c.l4DstPort(), "L4 destination port")));
    }
    List<OFInstruction> instructions = new ArrayList<>();
    if (c.vlanId() != null) {
      instructions.add(OF.instructions().applyActions(List.of(OF.actions().popVlan())));
    }
    instructions.add(OF.instructions().writeMetadata(U64.of(slice), U64.NO_MASK));
    instructions.add(OF.instructions().gotoTable(TableId.of(FlowTranslator.TABLE_METER)));
    return new FlowEntry(
        FlowTranslator.TABLE_CLASSIFY,
        c.priority(),
        m.build(),
        FlowTranslator.cookie(slice),
        instructions);
  }
}
