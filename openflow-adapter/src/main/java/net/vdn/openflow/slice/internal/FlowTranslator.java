package net.vdn.openflow.slice.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.pipeconf.rule.InvalidRuleException;
import net.vdn.pipeconf.rule.SliceRule;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.TableId;

/**
 * Slice rules as OpenFlow 1.3 flows, groups and meters. The whole rule set of a switch is
 * translated at once, because OpenFlow 1.3 has no egress table: the VLAN tagging a {@link
 * SliceRule.Tag} asks for is written into every action list that outputs to that port for that
 * slice ({@link Egress}).
 *
 * <p>Tables, each filled by one class:
 *
 * <ol start="0">
 *   <li>punt ({@link Classification}): LLDP-like ether types to the controller only; ARP-like ones
 *       copied to the controller and processed as usual; everything else on to table 1.
 *   <li>classify ({@link Classification}): in_port [+ VLAN] [+ IPv4 5-tuple] writes the slice id
 *       into the metadata (a tagged frame loses its tag here); no match drops.
 *   <li>meter ({@link Metering}): the slice's meter, if it has one.
 *   <li>forward ({@link Forwarding}): (slice, eth_dst) to a port, then (slice, IPv4 prefix) routed,
 *       then flooding to the slice's ALL group; no match drops.
 * </ol>
 *
 * <p>Every entry carries a cookie that marks it as VDN's and names its slice (0 for the shared punt
 * and table-miss flows), so flow statistics by cookie count a slice. Traffic classes are not mapped
 * to queues.
 */
public final class FlowTranslator {
  public static final int TABLE_PUNT = 0;
  public static final int TABLE_CLASSIFY = 1;
  public static final int TABLE_METER = 2;
  public static final int TABLE_FORWARD = 3;

  /** Upper 32 bits of every VDN cookie ("VDN" and a zero byte); the lower bits hold the slice. */
  public static final long COOKIE_MARK = 0x5644_4E00_0000_0000L;

  public static final long COOKIE_MARK_MASK = 0xffff_ffff_0000_0000L;

  static final OFFactory OF = OFFactories.getFactory(OFVersion.OF_13);
  private static final int PRIORITY_MISS = 0;

  /** The cookie of a slice's entries. */
  public static long cookie(int sliceId) {
    return COOKIE_MARK | sliceId;
  }

  /** What a switch holding exactly these rules holds: entries by key, with the rule behind each. */
  public record Translation(Map<String, OfEntry> entries, Map<String, SliceRule> origins) {}

  /**
   * Translates a switch's whole rule set. Refuses, naming the rule and field, a rule OpenFlow
   * cannot express and two rules that need different entries with the same identity.
   */
  public Translation translate(Collection<SliceRule> rules) {
    Map<String, OfEntry> entries = new LinkedHashMap<>();
    Map<String, SliceRule> origins = new HashMap<>();
    Egress egress = Egress.of(rules);
    add(entries, origins, null, miss(TABLE_PUNT, TABLE_CLASSIFY));
    add(entries, origins, null, miss(TABLE_METER, TABLE_FORWARD));
    for (SliceRule r : rules) {
      for (OfEntry e : entries(r, egress)) {
        add(entries, origins, r, e);
      }
    }
    return new Translation(entries, origins);
  }

  private static List<OfEntry> entries(SliceRule rule, Egress egress) {
    return switch (rule) {
      case SliceRule.Punt p -> List.of(Classification.punt(p));
      case SliceRule.Classify c -> List.of(Classification.classify(c));
      case SliceRule.Tag t -> List.of(); // folded into the outputs by Egress
      case SliceRule.ForwardL2 f -> List.of(Forwarding.l2(f, egress));
      case SliceRule.ForwardL3 f -> List.of(Forwarding.l3(f, egress));
      case SliceRule.Meter m -> Metering.meter(m);
      case SliceRule.Count c -> {
        SliceRule.checkSliceId(c.sliceId());
        yield List.of();
      }
      case SliceRule.Flood f -> Forwarding.flood(f, egress);
      case SliceRule.CustomerVlan v ->
          throw new InvalidRuleException(
              "port "
                  + v.port()
                  + ": a customer VLAN endpoint (VLAN "
                  + v.vlan()
                  + " translated to slice "
                  + v.sliceId()
                  + ") is not supported on OpenFlow switches; use a P4 switch's port or an"
                  + " untagged endpoint");
    };
  }

  /** A table's lowest flow: everything the table did not match goes on to {@code next}. */
  private static FlowEntry miss(int table, int next) {
    return new FlowEntry(
        table,
        PRIORITY_MISS,
        OF.buildMatch().build(),
        COOKIE_MARK,
        List.of(OF.instructions().gotoTable(TableId.of(next))));
  }

  private static void add(
      Map<String, OfEntry> entries, Map<String, SliceRule> origins, SliceRule rule, OfEntry e) {
    OfEntry before = entries.putIfAbsent(e.key(), e);
    if (before == null) {
      if (rule != null) {
        origins.put(e.key(), rule);
      }
      return;
    }
    if (!before.sameAs(e)) {
      throw new InvalidRuleException(
          rule + " and " + origins.get(e.key()) + " both need " + e.key() + ", differently");
    }
  }
}
