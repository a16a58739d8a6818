package net.vdn.openflow.slice.internal;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.match.MatchFields;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFValueType;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/** A flow: table, priority and match identify it; cookie and instructions are what it does. */
public record FlowEntry(
    int table, int priority, Match match, long cookie, List<OFInstruction> instructions)
    implements OfEntry {

  public FlowEntry {
    instructions = List.copyOf(instructions);
  }

  /** A flow as the switch reported it. */
  public static FlowEntry of(OFFlowStatsEntry e) {
    return new FlowEntry(
        e.getTableId().getValue(),
        e.getPriority(),
        e.getMatch(),
        e.getCookie().getValue(),
        e.getInstructions());
  }

  @Override
  public String key() {
    return "flow table " + table + " priority " + priority + " match " + matchKey(match);
  }

  @Override
  public boolean sameAs(OfEntry other) {
    return other instanceof FlowEntry f
        && key().equals(f.key())
        && cookie == f.cookie
        && instructions.equals(f.instructions);
  }

  @Override
  public OFMessage add(OFFactory f) {
    return f.buildFlowAdd()
        .setTableId(TableId.of(table))
        .setPriority(priority)
        .setMatch(match)
        .setCookie(U64.of(cookie))
        .setInstructions(instructions)
        .build();
  }

  /**
   * MODIFY_STRICT keeps the flow's counters but cannot change its cookie; a flow whose cookie
   * differs is replaced with ADD.
   */
  @Override
  public OFMessage modify(OFFactory f, OfEntry current) {
    if (current instanceof FlowEntry c && c.cookie != cookie) {
      return add(f);
    }
    return f.buildFlowModifyStrict()
        .setTableId(TableId.of(table))
        .setPriority(priority)
        .setMatch(match)
        .setCookie(U64.of(cookie))
        .setInstructions(instructions)
        .build();
  }

  @Override
  public OFMessage delete(OFFactory f) {
    return f.buildFlowDeleteStrict()
        .setTableId(TableId.of(table))
        .setPriority(priority)
        .setMatch(match)
        .setOutPort(OFPort.ANY)
        .setOutGroup(OFGroup.ANY)
        .build();
  }

  /**
   * The match as sorted "field=value" and "field=value/mask" terms; a mask of all ones counts as
   * exact, so a match compares equal however a switch chose to encode it.
   */
  static String matchKey(Match match) {
    List<String> terms = new ArrayList<>();
    for (MatchField<?> field : match.getMatchFields()) {
      terms.add(term(match, field));
    }
    terms.sort(null);
    return terms.isEmpty() ? "any" : String.join(",", terms);
  }

  private static <T extends OFValueType<T>> String term(Match match, MatchField<T> field) {
    String name = field.id == MatchFields.IN_PORT ? "in_port" : field.getName();
    if (match.isExact(field)) {
      return name + "=" + match.get(field);
    }
    var masked = match.getMasked(field);
    return name + "=" + masked.getValue() + "/" + masked.getMask();
  }

  @Override
  public String toString() {
    return key() + String.format(" cookie 0x%x", cookie) + " " + instructions;
  }
}
