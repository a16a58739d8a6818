package net.vdn.openflow.slice.internal;

import static net.vdn.openflow.slice.internal.FlowTranslator.OF;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.vdn.pipeconf.rule.InvalidRuleException;
import net.vdn.pipeconf.rule.SliceRule;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;

/**
 * How each slice leaves each port, from its {@link SliceRule.Tag} rules: push_vlan, set_field
 * vlan_vid=slice, output where the slice is tagged; output alone elsewhere (and where no rule
 * says).
 */
final class Egress {
  private final Map<Long, Boolean> tagged;

  private Egress(Map<Long, Boolean> tagged) {
    this.tagged = tagged;
  }

  /** The tagging of a rule set; refuses a port that two rules tag and untag for one slice. */
  static Egress of(Collection<SliceRule> rules) {
    Map<Long, Boolean> tagged = new HashMap<>();
    for (SliceRule r : rules) {
      if (r instanceof SliceRule.Tag t) {
        Boolean before =
            tagged.put(
                key(SliceRule.checkSliceId(t.sliceId()), OfValues.port(t.port(), "tag port")),
                t.tagged());
        if (before != null && before != t.tagged()) {
          throw new InvalidRuleException(
              "slice "
                  + t.sliceId()
                  + ": port "
                  + t.port()
                  + " is both tagged and untagged by two Tag rules");
        }
      }
    }
    return new Egress(tagged);
  }

  /** The actions that send a frame of the slice out of the port. */
  List<OFAction> to(int slice, int port) {
    OFAction out = OF.actions().output(OFPort.of(port), 0);
    if (!tagged.getOrDefault(key(slice, port), false)) {
      return List.of(out);
    }
    return List.of(
        OF.actions().pushVlan(EthType.VLAN_FRAME),
        OF.actions().setField(OF.oxms().vlanVid(OFVlanVidMatch.ofVlan(slice))),
        out);
  }

  private static long key(int slice, int port) {
    return ((long) slice << 32) | port;
  }
}
