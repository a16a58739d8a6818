package net.vdn.pipeconf;

import static net.vdn.pipeconf.SlicingNames.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.ActionCall;
import net.vdn.p4runtime.entity.CloneSession;
import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.MeterConfig;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.Replica;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.pipeconf.rule.InvalidRuleException;
import net.vdn.pipeconf.rule.Ipv4Prefix;
import net.vdn.pipeconf.rule.SliceRule;

/**
 * Translates slice rules into the slicing pipeline's P4Runtime entities. {@link #install} gives the
 * updates that put a rule on a switch, {@link #remove} those that take it off; both check the rule
 * first and refuse, naming the field, what the pipeline cannot express.
 */
public final class SliceRuleTranslator {
  private static final int PORT_LIMIT = 511;

  public List<Update> install(SliceRule rule) {
    return switch (rule) {
      case SliceRule.Classify c -> List.of(Update.insert(classify(c)));
      case SliceRule.Tag t -> List.of(Update.insert(tag(t)));
      case SliceRule.CustomerVlan v ->
          List.of(Update.insert(fromCustomerVlan(v)), Update.insert(toCustomerVlan(v)));
      case SliceRule.ForwardL2 f -> List.of(Update.insert(forwardL2(f)));
      case SliceRule.ForwardL3 f -> List.of(Update.insert(forwardL3(f)));
      case SliceRule.Meter m -> List.of(Update.modify(meter(m)));
      case SliceRule.Count c -> counters(c.sliceId()).stream().map(Update::modify).toList();
      case SliceRule.Flood f -> List.of(Update.insert(floodGroup(f)), Update.insert(floodEntry(f)));
      case SliceRule.Punt p ->
          p.copy()
              ? List.of(Update.insert(cpuSession()), Update.insert(punt(p)))
              : List.of(Update.insert(punt(p)));
    };
  }

  public List<Update> remove(SliceRule rule) {
    return switch (rule) {
      case SliceRule.Classify c -> List.of(Update.delete(classify(c)));
      case SliceRule.Tag t -> List.of(Update.delete(tag(t)));
      case SliceRule.CustomerVlan v ->
          List.of(Update.delete(toCustomerVlan(v)), Update.delete(fromCustomerVlan(v)));
      case SliceRule.ForwardL2 f -> List.of(Update.delete(forwardL2(f)));
      case SliceRule.ForwardL3 f -> List.of(Update.delete(forwardL3(f)));
      case SliceRule.Meter m ->
          List.of(
              Update.modify(
                  new MeterEntry(SLICE_METER, SliceRule.checkSliceId(m.sliceId()), null)));
      case SliceRule.Count c -> List.of();
      case SliceRule.Flood f -> List.of(Update.delete(floodEntry(f)), Update.delete(floodGroup(f)));
      case SliceRule.Punt p ->
          p.copy()
              ? List.of(Update.delete(punt(p)), Update.delete(cpuSession()))
              : List.of(Update.delete(punt(p)));
    };
  }

  // ---------------------------------------------------------------- per rule

  private static TableEntry classify(SliceRule.Classify c) {
    int slice = SliceRule.checkSliceId(c.sliceId());
    if (c.trafficClass() < 0 || c.trafficClass() > 7) {
      throw new InvalidRuleException("traffic class " + c.trafficClass() + " is outside 0..7");
    }
    if (c.priority() <= 0) {
      throw new InvalidRuleException("classifier priority must be positive, got " + c.priority());
    }
    var e =
        TableEntry.in(CLASSIFIER)
            .exact(INGRESS_PORT, port(c.port(), "ingress port"))
            .priority(c.priority());
    if (c.vlanId() == null) {
      e.ternary(VLAN_VALID, Value.ZERO, Value.of(1));
    } else {
      SliceRule.checkSliceId(c.vlanId());
      e.ternary(VLAN_VALID, Value.of(1), Value.of(1))
          .ternary(VLAN_ID, Value.of(c.vlanId()), Value.ones(12));
    }
    if (c.src() != null || c.dst() != null) {
      // An IPv6 frame has no IPv4 addresses to match: only IPv4 frames may meet these fields.
      e.ternary(IPV4_VALID, Value.of(1), Value.of(1));
    }
    if (c.src() != null) {
      e.ternary(IPV4_SRC, Value.of(c.src().address()), Value.of(Ipv4Prefix.mask(c.src().length())));
    }
    if (c.dst() != null) {
      e.ternary(IPV4_DST, Value.of(c.dst().address()), Value.of(Ipv4Prefix.mask(c.dst().length())));
    }
    if (c.ipProto() != null) {
      if (c.ipProto() < 0 || c.ipProto() > 255) {
        throw new InvalidRuleException("IP protocol " + c.ipProto() + " is outside 0..255");
      }
      e.ternary(IP_PROTO, Value.of(c.ipProto()), Value.ones(8));
    }
    if ((c.l4SrcPort() != null || c.l4DstPort() != null)
        && (c.ipProto() == null || (c.ipProto() != 6 && c.ipProto() != 17))) {
      throw new InvalidRuleException(
          "L4 ports need IP protocol 6 (TCP) or 17 (UDP), got " + c.ipProto());
    }
    if (c.l4SrcPort() != null) {
      e.ternary(
          L4_SPORT,
          Value.of(SliceRule.checkL4Port(c.l4SrcPort(), "L4 source port")),
          Value.ones(16));
    }
    if (c.l4DstPort() != null) {
      e.ternary(
          L4_DPORT,
          Value.of(SliceRule.checkL4Port(c.l4DstPort(), "L4 destination port")),
          Value.ones(16));
    }
    return e.action(ActionCall.of(SET_SLICE, SLICE_ID, slice, TC, c.trafficClass())).build();
  }

  private static TableEntry tag(SliceRule.Tag t) {
    return TableEntry.in(EGRESS_VLAN)
        .exact(EGRESS_PORT, port(t.port(), "egress port"))
        .exact(SLICE_ID, Value.of(SliceRule.checkSliceId(t.sliceId())))
        .action(ActionCall.of(t.tagged() ? PUSH_TAG : POP_TAG))
        .build();
  }

  private static TableEntry fromCustomerVlan(SliceRule.CustomerVlan v) {
    return TableEntry.in(CUSTOMER_VLAN)
        .exact(INGRESS_PORT, port(v.port(), "ingress port"))
        .exact(VLAN_ID, Value.of(v.vlan()))
        .action(
            ActionCall.of(
                FROM_CUSTOMER_VLAN,
                SLICE_ID,
                Value.of(SliceRule.checkSliceId(v.sliceId())),
                TC,
                Value.of(v.trafficClass())))
        .build();
  }

  private static TableEntry toCustomerVlan(SliceRule.CustomerVlan v) {
    return TableEntry.in(EGRESS_VLAN)
        .exact(EGRESS_PORT, port(v.port(), "egress port"))
        .exact(SLICE_ID, Value.of(SliceRule.checkSliceId(v.sliceId())))
        .action(ActionCall.of(TO_CUSTOMER_VLAN, CUSTOMER_VID, Value.of(v.vlan())))
        .build();
  }

  private static TableEntry forwardL2(SliceRule.ForwardL2 f) {
    return TableEntry.in(FWD_L2)
        .exact(SLICE_ID, Value.of(SliceRule.checkSliceId(f.sliceId())))
        .exact(ETH_DST, mac(f.mac(), "destination MAC"))
        .action(ActionCall.of(FWD, PORT, port(f.port(), "output port")))
        .build();
  }

  private static TableEntry forwardL3(SliceRule.ForwardL3 f) {
    if (f.dst() == null) {
      throw new InvalidRuleException("an L3 rule needs a destination prefix");
    }
    return TableEntry.in(FWD_L3)
        .exact(SLICE_ID, Value.of(SliceRule.checkSliceId(f.sliceId())))
        .lpm(IPV4_DST, Value.of(f.dst().address()), f.dst().length())
        .action(
            ActionCall.of(
                ROUTE,
                PORT,
                port(f.port(), "output port"),
                SRC_MAC,
                mac(f.srcMac(), "source MAC"),
                DST_MAC,
                mac(f.dstMac(), "next-hop MAC")))
        .build();
  }

  private static MeterEntry meter(SliceRule.Meter m) {
    if (m.cir() <= 0 || m.pir() < m.cir()) {
      throw new InvalidRuleException(
          "slice "
              + m.sliceId()
              + ": rates need 0 < CIR <= PIR, got CIR "
              + m.cir()
              + " and PIR "
              + m.pir());
    }
    if (m.cburst() <= 0 || m.pburst() <= 0) {
      throw new InvalidRuleException("slice " + m.sliceId() + ": bursts must be positive");
    }
    return new MeterEntry(
        SLICE_METER,
        SliceRule.checkSliceId(m.sliceId()),
        MeterConfig.twoRate(m.cir(), m.cburst(), m.pir(), m.pburst()));
  }

  /** The slice's counter cells (ingress, drops, egress, expired TTLs, isolation drops), zeroed. */
  public static List<CounterEntry> counters(int sliceId) {
    int slice = SliceRule.checkSliceId(sliceId);
    return List.of(
        new CounterEntry(SLICE_INGRESS, slice, CounterData.ZERO),
        new CounterEntry(SLICE_DROPS, slice, CounterData.ZERO),
        new CounterEntry(SLICE_EGRESS, slice, CounterData.ZERO),
        new CounterEntry(TTL_EXPIRED, slice, CounterData.ZERO),
        new CounterEntry(ISOLATION_DROPS, slice, CounterData.ZERO));
  }

  private static MulticastGroup floodGroup(SliceRule.Flood f) {
    int slice = SliceRule.checkSliceId(f.sliceId());
    if (f.ports().isEmpty()) {
      throw new InvalidRuleException("slice " + slice + ": a flood rule needs at least one port");
    }
    if (new HashSet<>(f.ports()).size() != f.ports().size()) {
      throw new InvalidRuleException(
          "slice " + slice + ": flood ports " + f.ports() + " repeat a port");
    }
    List<Replica> replicas = new ArrayList<>();
    for (int p : f.ports()) {
      replicas.add(new Replica(port(p, "flood port"), 0));
    }
    return new MulticastGroup(slice, replicas);
  }

  private static TableEntry floodEntry(SliceRule.Flood f) {
    int slice = SliceRule.checkSliceId(f.sliceId());
    return TableEntry.in(FLOOD_TABLE)
        .exact(SLICE_ID, Value.of(slice))
        .action(ActionCall.of(FLOOD, GROUP, slice))
        .build();
  }

  private static TableEntry punt(SliceRule.Punt p) {
    if (p.etherType() < 0x600 || p.etherType() > 0xffff) {
      throw new InvalidRuleException(
          "ether type 0x" + Integer.toHexString(p.etherType()) + " is outside 0x0600..0xffff");
    }
    return TableEntry.in(PUNT)
        .ternary(ETHER_TYPE, Value.of(p.etherType()), Value.ones(16))
        .priority(10)
        .action(ActionCall.of(p.copy() ? COPY_TO_CPU : PUNT_TO_CPU))
        .build();
  }

  private static CloneSession cpuSession() {
    return new CloneSession(CPU_CLONE_SESSION, List.of(new Replica(CPU_PORT, 0)), 0, 0);
  }

  // ---------------------------------------------------------------- checks

  private static int port(int port, String what) {
    if (port < 0 || port > PORT_LIMIT || port == CPU_PORT) {
      throw new InvalidRuleException(
          what + " " + port + " is not a data port (0.." + PORT_LIMIT + ", not the CPU port)");
    }
    return port;
  }

  private static Value mac(String mac, String what) {
    if (mac == null) {
      throw new InvalidRuleException(what + " is missing");
    }
    try {
      return Value.mac(mac);
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(what + ": " + e.getMessage());
    }
  }
}
