package net.vdn.openflow.slice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.vdn.pipeconf.rule.InvalidRuleException;
import net.vdn.pipeconf.rule.Ipv4Prefix;
import net.vdn.pipeconf.rule.SliceRule;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * Slice rules as OpenFlow 1.3 flows, groups and meters. The whole rule set of a switch is
 * translated at once, because OpenFlow 1.3 has no egress table: the VLAN tagging a {@link
 * SliceRule.Tag} asks for is written into every action list that outputs to that port for that
 * slice.
 *
 * <p>Tables:
 *
 * <ol start="0">
 *   <li>punt: LLDP-like ether types to the controller only; ARP-like ones copied to the controller
 *       and processed as usual; everything else on to table 1.
 *   <li>classify: in_port [+ VLAN] [+ IPv4 5-tuple] writes the slice id into the metadata (a tagged
 *       frame loses its tag here); no match drops.
 *   <li>meter: the slice's meter, if it has one.
 *   <li>forward: (slice, eth_dst) to a port, then (slice, IPv4 prefix) routed, then flooding to the
 *       slice's ALL group; no match drops.
 * </ol>
 *
 * <p>Egress: a port where the slice is tagged gets push_vlan, set_field vlan_vid=slice, output;
 * otherwise output alone. Meters are in kbit/s with one drop band at the committed rate (CIR) and
 * the committed burst (at least {@value #MIN_BURST_MILLIS} ms at the CIR, see {@link #burstKbits}):
 * OpenFlow 1.3 meters on the switches in view offer drop bands only, so the peak rate (PIR) is not
 * enforced separately and a slice never gets more than its CIR. Every entry carries a cookie that
 * marks it as VDN's and names its slice (0 for the shared punt and table-miss flows), so flow
 * statistics by cookie count a slice. Traffic classes are not mapped to queues.
 */
public final class FlowTranslator {
  public static final int TABLE_PUNT = 0;
  public static final int TABLE_CLASSIFY = 1;
  public static final int TABLE_METER = 2;
  public static final int TABLE_FORWARD = 3;

  /** Upper 32 bits of every VDN cookie ("VDN" and a zero byte); the lower bits hold the slice. */
  public static final long COOKIE_MARK = 0x5644_4E00_0000_0000L;

  public static final long COOKIE_MARK_MASK = 0xffff_ffff_0000_0000L;

  static final int PRIORITY_PUNT = 40000;
  static final int PRIORITY_METER = 10;
  static final int PRIORITY_L2 = 3000;
  static final int PRIORITY_L3_BASE = 1000;
  static final int PRIORITY_FLOOD = 10;
  static final int PRIORITY_MISS = 0;

  private static final OFFactory OF = OFFactories.getFactory(OFVersion.OF_13);
  private static final int CONTROLLER_MAX_LEN = 0xffff;

  /** The smallest meter burst, in milliseconds of traffic at the committed rate. */
  static final long MIN_BURST_MILLIS = 250;

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
    Map<Long, Boolean> tagged = new HashMap<>();
    for (SliceRule r : rules) {
      if (r instanceof SliceRule.Tag t) {
        long key = ((long) SliceRule.checkSliceId(t.sliceId()) << 32) | port(t.port(), "tag port");
        Boolean before = tagged.put(key, t.tagged());
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
    Egress egress = new Egress(tagged);
    add(entries, origins, null, miss(TABLE_PUNT, TABLE_CLASSIFY));
    add(entries, origins, null, miss(TABLE_METER, TABLE_FORWARD));
    for (SliceRule r : rules) {
      for (OfEntry e : entries(r, egress)) {
        add(entries, origins, r, e);
      }
    }
    return new Translation(entries, origins);
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

  private List<OfEntry> entries(SliceRule rule, Egress egress) {
    return switch (rule) {
      case SliceRule.Punt p -> List.of(punt(p));
      case SliceRule.Classify c -> List.of(classify(c));
      case SliceRule.Tag t -> List.of();
      case SliceRule.ForwardL2 f ->
          List.of(
              new FlowEntry(
                  TABLE_FORWARD,
                  PRIORITY_L2,
                  OF.buildMatch()
                      .setExact(MatchField.METADATA, metadata(f.sliceId()))
                      .setExact(MatchField.ETH_DST, mac(f.mac(), "destination MAC"))
                      .build(),
                  cookie(f.sliceId()),
                  List.of(
                      OF.instructions()
                          .applyActions(egress.to(f.sliceId(), port(f.port(), "output port"))))));
      case SliceRule.ForwardL3 f -> List.of(forwardL3(f, egress));
      case SliceRule.Meter m -> meter(m);
      case SliceRule.Count c -> {
        SliceRule.checkSliceId(c.sliceId());
        yield List.of();
      }
      case SliceRule.Flood f -> flood(f, egress);
    };
  }

  // ---------------------------------------------------------------- per rule

  private static FlowEntry miss(int table, int next) {
    return new FlowEntry(
        table,
        PRIORITY_MISS,
        OF.buildMatch().build(),
        COOKIE_MARK,
        List.of(OF.instructions().gotoTable(TableId.of(next))));
  }

  private static FlowEntry punt(SliceRule.Punt p) {
    if (p.etherType() < 0x600 || p.etherType() > 0xffff) {
      throw new InvalidRuleException(
          "ether type 0x" + Integer.toHexString(p.etherType()) + " is outside 0x0600..0xffff");
    }
    OFInstruction toController =
        OF.instructions()
            .applyActions(List.of(OF.actions().output(OFPort.CONTROLLER, CONTROLLER_MAX_LEN)));
    return new FlowEntry(
        TABLE_PUNT,
        PRIORITY_PUNT,
        OF.buildMatch().setExact(MatchField.ETH_TYPE, EthType.of(p.etherType())).build(),
        COOKIE_MARK,
        p.copy()
            ? List.of(toController, OF.instructions().gotoTable(TableId.of(TABLE_CLASSIFY)))
            : List.of(toController));
  }

  private static FlowEntry classify(SliceRule.Classify c) {
    int slice = SliceRule.checkSliceId(c.sliceId());
    if (c.trafficClass() < 0 || c.trafficClass() > 7) {
      throw new InvalidRuleException("traffic class " + c.trafficClass() + " is outside 0..7");
    }
    if (c.priority() <= 0 || c.priority() > 0xffff) {
      throw new InvalidRuleException(
          "classifier priority must be in 1..65535, got " + c.priority());
    }
    Match.Builder m =
        OF.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(port(c.port(), "ingress port")));
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
    prefix(m, MatchField.IPV4_SRC, c.src());
    prefix(m, MatchField.IPV4_DST, c.dst());
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
    instructions.add(OF.instructions().gotoTable(TableId.of(TABLE_METER)));
    return new FlowEntry(TABLE_CLASSIFY, c.priority(), m.build(), cookie(slice), instructions);
  }

  private static void prefix(Match.Builder m, MatchField<IPv4Address> field, Ipv4Prefix p) {
    if (p == null || p.length() == 0) {
      return;
    }
    IPv4Address address = IPv4Address.of((int) p.address());
    if (p.length() == 32) {
      m.setExact(field, address);
    } else {
      m.setMasked(field, address, IPv4Address.ofCidrMaskLength(p.length()));
    }
  }

  private static FlowEntry forwardL3(SliceRule.ForwardL3 f, Egress egress) {
    if (f.dst() == null) {
      throw new InvalidRuleException("an L3 rule needs a destination prefix");
    }
    Match.Builder m =
        OF.buildMatch()
            .setExact(MatchField.METADATA, metadata(f.sliceId()))
            .setExact(MatchField.ETH_TYPE, EthType.IPv4);
    prefix(m, MatchField.IPV4_DST, f.dst());
    List<OFAction> actions = new ArrayList<>();
    actions.add(OF.actions().setField(OF.oxms().ethSrc(mac(f.srcMac(), "source MAC"))));
    actions.add(OF.actions().setField(OF.oxms().ethDst(mac(f.dstMac(), "next-hop MAC"))));
    actions.add(OF.actions().decNwTtl());
    actions.addAll(egress.to(f.sliceId(), port(f.port(), "output port")));
    return new FlowEntry(
        TABLE_FORWARD,
        PRIORITY_L3_BASE + f.dst().length(),
        m.build(),
        cookie(f.sliceId()),
        List.of(OF.instructions().applyActions(actions)));
  }

  private static List<OfEntry> meter(SliceRule.Meter m) {
    int slice = SliceRule.checkSliceId(m.sliceId());
    if (m.cir() <= 0 || m.pir() < m.cir()) {
      throw new InvalidRuleException(
          "slice "
              + slice
              + ": rates need 0 < CIR <= PIR, got CIR "
              + m.cir()
              + " and PIR "
              + m.pir());
    }
    if (m.cburst() <= 0 || m.pburst() <= 0) {
      throw new InvalidRuleException("slice " + slice + ": bursts must be positive");
    }
    MeterEntry meter =
        new MeterEntry(
            slice,
            Set.of(OFMeterFlags.KBPS, OFMeterFlags.BURST, OFMeterFlags.STATS),
            List.of(OF.meterBands().drop(kbits(m.cir()), burstKbits(m.cir(), m.cburst()))));
    FlowEntry flow =
        new FlowEntry(
            TABLE_METER,
            PRIORITY_METER,
            OF.buildMatch().setExact(MatchField.METADATA, metadata(slice)).build(),
            cookie(slice),
            List.of(
                OF.instructions().meter(slice),
                OF.instructions().gotoTable(TableId.of(TABLE_FORWARD))));
    return List.of(meter, flow);
  }

  /**
   * The drop band's burst in kilobits: the committed burst, but never under {@link
   * #MIN_BURST_MILLIS} of traffic at the committed rate. Open vSwitch meters drop whatever exceeds
   * their bucket, and TCP through a bucket of a few milliseconds collapses to a small fraction of
   * the rate (about 5% at 10 ms on its userspace datapath); at a quarter second it reaches 85-100%.
   */
  static long burstKbits(long cirBytes, long cburstBytes) {
    return Math.max(kbits(cburstBytes), kbits(cirBytes * MIN_BURST_MILLIS / 1000));
  }

  /** Bytes (per second) to kilobits (per second), rounded up so a rate is never lowered. */
  static long kbits(long bytes) {
    return Math.max(1, (bytes * 8 + 999) / 1000);
  }

  private static List<OfEntry> flood(SliceRule.Flood f, Egress egress) {
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
              .setActions(egress.to(slice, port(p, "flood port")))
              .build());
    }
    GroupEntry group = new GroupEntry(slice, OFGroupType.ALL, buckets);
    FlowEntry flow =
        new FlowEntry(
            TABLE_FORWARD,
            PRIORITY_FLOOD,
            OF.buildMatch().setExact(MatchField.METADATA, metadata(slice)).build(),
            cookie(slice),
            List.of(
                OF.instructions().applyActions(List.of(OF.actions().group(OFGroup.of(slice))))));
    return List.of(group, flow);
  }

  /** Per-port egress action lists of each slice, from its Tag rules (untagged when none). */
  private record Egress(Map<Long, Boolean> tagged) {
    List<OFAction> to(int slice, int port) {
      OFAction out = OF.actions().output(OFPort.of(port), 0);
      if (!tagged.getOrDefault(((long) slice << 32) | port, false)) {
        return List.of(out);
      }
      return List.of(
          OF.actions().pushVlan(EthType.VLAN_FRAME),
          OF.actions().setField(OF.oxms().vlanVid(OFVlanVidMatch.ofVlan(slice))),
          out);
    }
  }

  // ---------------------------------------------------------------- checks

  private static OFMetadata metadata(int slice) {
    return OFMetadata.ofRaw(slice);
  }

  private static int port(int port, String what) {
    if (port <= 0 || Integer.compareUnsigned(port, OFPort.MAX.getPortNumber()) > 0) {
      throw new InvalidRuleException(
          what + " " + port + " is not an OpenFlow data port (1..0xffffff00)");
    }
    return port;
  }

  private static MacAddress mac(String mac, String what) {
    if (mac == null) {
      throw new InvalidRuleException(what + " is missing");
    }
    try {
      return MacAddress.of(mac);
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(what + ": '" + mac + "' is not a MAC address");
    }
  }
}
