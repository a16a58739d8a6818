package net.vdn.p4runtime.entity;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.p4runtime.InvalidEntityException;
import net.vdn.p4runtime.P4RuntimeException;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.info.ActionInfo;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.config.v1.ActionProfile;
import net.vdn.p4runtime.proto.config.v1.ActionRef;
import net.vdn.p4runtime.proto.config.v1.Counter;
import net.vdn.p4runtime.proto.config.v1.Digest;
import net.vdn.p4runtime.proto.config.v1.MatchField;
import net.vdn.p4runtime.proto.config.v1.Meter;
import net.vdn.p4runtime.proto.config.v1.Register;
import net.vdn.p4runtime.proto.config.v1.Table;
import net.vdn.p4runtime.proto.v1.FieldMatch;
import net.vdn.p4runtime.proto.v1.Index;
import net.vdn.p4runtime.proto.v1.P4Data;
import net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry;

/**
 * Turns named entities into P4Runtime messages and back, checking every name, width, match kind,
 * priority and action against P4Info first. Everything it emits uses canonical bytestrings; every
 * value it decodes is normalized, so an entry read back equals the one written.
 */
public final class EntityCodec {
  private final P4InfoIndex index;
  private final boolean legacyReplicaPorts;

  /**
   * @param legacyReplicaPorts write replica ports in the deprecated 32-bit {@code egress_port}
   *     field, for targets older than P4Runtime 1.4
   */
  public EntityCodec(P4InfoIndex index, boolean legacyReplicaPorts) {
    this.index = index;
    this.legacyReplicaPorts = legacyReplicaPorts;
  }

  public P4InfoIndex index() {
    return index;
  }

  /** What an encoded entity is for: a full write, or a key (delete, read filter). */
  public enum Purpose {
    WRITE,
    KEY
  }

  public net.vdn.p4runtime.proto.v1.Entity encode(Entity entity, Purpose purpose) {
    var out = net.vdn.p4runtime.proto.v1.Entity.newBuilder();
    switch (entity) {
      case TableEntry e -> out.setTableEntry(tableEntry(e, purpose));
      case ActionProfileMember m -> out.setActionProfileMember(member(m, purpose));
      case ActionProfileGroup g -> out.setActionProfileGroup(group(g, purpose));
      case CounterEntry c -> out.setCounterEntry(counter(c, purpose));
      case DirectCounterEntry c -> out.setDirectCounterEntry(directCounter(c, purpose));
      case MeterEntry m -> out.setMeterEntry(meter(m, purpose));
      case DirectMeterEntry m -> out.setDirectMeterEntry(directMeter(m, purpose));
      case RegisterEntry r -> out.setRegisterEntry(register(r, purpose));
      case MulticastGroup g ->
          out.setPacketReplicationEngineEntry(
              PacketReplicationEngineEntry.newBuilder()
                  .setMulticastGroupEntry(multicast(g, purpose)));
      case CloneSession s ->
          out.setPacketReplicationEngineEntry(
              PacketReplicationEngineEntry.newBuilder().setCloneSessionEntry(clone(s, purpose)));
      case DigestConfig d -> out.setDigestEntry(digest(d, purpose));
    }
    return out.build();
  }

  // ---------------------------------------------------------------- table entries

  public net.vdn.p4runtime.proto.v1.TableEntry tableEntry(TableEntry e, Purpose purpose) {
    TableInfo t = index.table(e.table());
    Table proto = t.proto();
    String where = "table '" + t.name() + "'";
    var out = net.vdn.p4runtime.proto.v1.TableEntry.newBuilder().setTableId(t.id());
    if (purpose == Purpose.WRITE && proto.getIsConstTable()) {
      throw invalid(where + " is const: its entries cannot be written");
    }
    if (e.isDefault()) {
      if (!e.matches().isEmpty()) {
        throw invalid(
            where + ": the default entry has no match fields, got " + e.matches().keySet());
      }
      if (e.priority() != 0) {
        throw invalid(where + ": the default entry takes no priority, got " + e.priority());
      }
      if (purpose == Purpose.WRITE && proto.getConstDefaultActionId() != 0) {
        throw invalid(where + ": its default action is const and cannot be changed");
      }
      out.setIsDefaultAction(true);
    } else {
      encodeMatches(t, e.matches(), out);
      if (t.needsPriority() && e.priority() <= 0) {
        throw invalid(
            where
                + " has ternary, range or optional fields: its entries need a priority > 0, got "
                + e.priority());
      }
      if (!t.needsPriority() && e.priority() != 0) {
        throw invalid(
            where + " has only exact and LPM fields: priority must be 0, got " + e.priority());
      }
      out.setPriority(e.priority());
    }
    if (purpose == Purpose.KEY) {
      return out.build();
    }
    if (e.action() == null) {
      throw invalid(where + ": the entry has no action");
    }
    out.setAction(tableAction(t, e.action(), e.isDefault()));
    if (e.idleTimeoutNs() < 0) {
      throw invalid(where + ": idle timeout must not be negative, got " + e.idleTimeoutNs());
    }
    if (e.idleTimeoutNs() > 0) {
      if (proto.getIdleTimeoutBehavior() != Table.IdleTimeoutBehavior.NOTIFY_CONTROL) {
        throw invalid(where + " does not support idle timeouts (declare support_timeout = true)");
      }
      out.setIdleTimeoutNs(e.idleTimeoutNs());
    }
    if (e.meterConfig() != null) {
      if (t.directMeterId() == 0) {
        throw invalid(where + " has no direct meter, so the entry cannot carry a meter config");
      }
      out.setMeterConfig(meterConfig(e.meterConfig(), where));
    }
    if (e.counterData() != null) {
      if (t.directCounterId() == 0) {
        throw invalid(where + " has no direct counter, so the entry cannot carry counter data");
      }
      out.setCounterData(counterData(e.counterData()));
    }
    out.setMetadata(e.metadata());
    return out.build();
  }

  private void encodeMatches(
      TableInfo t, Map<String, Match> matches, net.vdn.p4runtime.proto.v1.TableEntry.Builder out) {
    Map<Integer, FieldMatch> byId = new LinkedHashMap<>();
    for (Map.Entry<String, Match> m : matches.entrySet()) {
      MatchField f = t.field(m.getKey());
      if (byId.containsKey(f.getId()) || usedTwice(t, matches, f)) {
        throw invalid("table '" + t.name() + "': match field '" + f.getName() + "' is given twice");
      }
      FieldMatch fm = fieldMatch(t, f, m.getValue());
      if (fm != null) {
        byId.put(f.getId(), fm);
      }
    }
    for (MatchField f : t.proto().getMatchFieldsList()) {
      if (f.getMatchType() == MatchField.MatchType.EXACT && !byId.containsKey(f.getId())) {
        throw invalid(
            "table '" + t.name() + "': exact match field '" + f.getName() + "' is missing");
      }
    }
    // Match fields in P4Info order, so that equal entries encode to equal bytes.
    for (MatchField f : t.proto().getMatchFieldsList()) {
      FieldMatch fm = byId.get(f.getId());
      if (fm != null) {
        out.addMatch(fm);
      }
    }
  }

  private static boolean usedTwice(TableInfo t, Map<String, Match> matches, MatchField f) {
    return matches.keySet().stream().filter(k -> t.field(k).getId() == f.getId()).count() > 1;
  }

  /** The field match, or null when it is a don't-care that must be left out. */
  private FieldMatch fieldMatch(TableInfo t, MatchField f, Match m) {
    String where = "table '" + t.name() + "': match field '" + f.getName() + "'";
    int w = f.getBitwidth();
    MatchField.MatchType type = f.getMatchType();
    String expected = type.name().toLowerCase();
    if (!f.hasMatchType()) {
      throw invalid(
          where
              + " has match kind '"
              + f.getOtherMatchType()
              + "', which this client cannot encode");
    }
    if (!expected.equals(m.kind())) {
      throw invalid(where + " is " + expected + ", got a " + m.kind() + " match");
    }
    var fm = FieldMatch.newBuilder().setFieldId(f.getId());
    switch (m) {
      case Match.Exact x -> {
        fits(x.value(), w, where);
        fm.setExact(FieldMatch.Exact.newBuilder().setValue(x.value().toByteString()));
      }
      case Match.Lpm x -> {
        fits(x.value(), w, where);
        if (x.prefixLength() < 0 || x.prefixLength() > w) {
          throw invalid(where + ": prefix length " + x.prefixLength() + " is outside 0.." + w);
        }
        BigInteger hostBits =
            BigInteger.ONE.shiftLeft(w - x.prefixLength()).subtract(BigInteger.ONE);
        if (x.value().toBigInteger().and(hostBits).signum() != 0) {
          throw invalid(
              where
                  + ": value "
                  + x.value()
                  + " has bits set past its /"
                  + x.prefixLength()
                  + " prefix");
        }
        if (x.prefixLength() == 0) {
          return null;
        }
        fm.setLpm(
            FieldMatch.LPM
                .newBuilder()
                .setValue(x.value().toByteString())
                .setPrefixLen(x.prefixLength()));
      }
      case Match.Ternary x -> {
        fits(x.value(), w, where + " value");
        fits(x.mask(), w, where + " mask");
        if (!x.value().and(x.mask()).equals(x.value())) {
          throw invalid(where + ": value " + x.value() + " has bits outside mask " + x.mask());
        }
        if (x.mask().isZero()) {
          return null;
        }
        fm.setTernary(
            FieldMatch.Ternary.newBuilder()
                .setValue(x.value().toByteString())
                .setMask(x.mask().toByteString()));
      }
      case Match.Range x -> {
        fits(x.low(), w, where + " low");
        fits(x.high(), w, where + " high");
        if (x.low().compareTo(x.high()) > 0) {
          throw invalid(where + ": low " + x.low() + " is above high " + x.high());
        }
        if (x.low().isZero() && x.high().equals(Value.ones(w))) {
          return null;
        }
        fm.setRange(
            FieldMatch.Range.newBuilder()
                .setLow(x.low().toByteString())
                .setHigh(x.high().toByteString()));
      }
      case Match.Optional x -> {
        fits(x.value(), w, where);
        fm.setOptional(FieldMatch.Optional.newBuilder().setValue(x.value().toByteString()));
      }
    }
    return fm.build();
  }

  private net.vdn.p4runtime.proto.v1.TableAction tableAction(
      TableInfo t, TableAction action, boolean isDefault) {
    String where = "table '" + t.name() + "'";
    var out = net.vdn.p4runtime.proto.v1.TableAction.newBuilder();
    switch (action) {
      case ActionCall call -> {
        if (t.isIndirect()) {
          throw invalid(
              where
                  + " is implemented by action profile '"
                  + index.actionProfile(t.profileId()).getPreamble().getName()
                  + "': give a member, a group or an action set, not action '"
                  + call.action()
                  + "'");
        }
        out.setAction(actionForTable(t, call, isDefault));
      }
      case TableAction.MemberRef ref -> {
        requireProfile(t, false, "member " + ref.memberId());
        out.setActionProfileMemberId(ref.memberId());
      }
      case TableAction.GroupRef ref -> {
        requireProfile(t, true, "group " + ref.groupId());
        out.setActionProfileGroupId(ref.groupId());
      }
      case TableAction.ActionSet set -> {
        requireProfile(t, true, "an action set");
        if (set.actions().isEmpty()) {
          throw invalid(where + ": an action set needs at least one action");
        }
        var b = net.vdn.p4runtime.proto.v1.ActionProfileActionSet.newBuilder();
        for (TableAction.WeightedAction wa : set.actions()) {
          if (wa.weight() <= 0) {
            throw invalid(where + ": action set weights must be positive, got " + wa.weight());
          }
          b.addActionProfileActions(
              net.vdn.p4runtime.proto.v1.ActionProfileAction.newBuilder()
                  .setAction(actionForTable(t, wa.action(), false))
                  .setWeight(wa.weight()));
        }
        out.setActionProfileActionSet(b);
      }
    }
    return out.build();
  }

  private void requireProfile(TableInfo t, boolean selector, String what) {
    if (!t.isIndirect()) {
      throw invalid("table '" + t.name() + "' takes direct actions, not " + what);
    }
    ActionProfile p = index.actionProfile(t.profileId());
    if (selector && !p.getWithSelector()) {
      throw invalid(
          "table '"
              + t.name()
              + "' is implemented by action profile '"
              + p.getPreamble().getName()
              + "', which has no selector: "
              + what
              + " needs one");
    }
  }

  private net.vdn.p4runtime.proto.v1.Action actionForTable(
      TableInfo t, ActionCall call, boolean isDefault) {
    ActionInfo a = index.action(call.action());
    ActionRef ref = t.actionRefs().get(a.id());
    if (ref == null) {
      List<String> allowed =
          t.proto().getActionRefsList().stream().map(r -> index.action(r.getId()).name()).toList();
      throw invalid(
          "action '"
              + a.name()
              + "' is not an action of table '"
              + t.name()
              + "' (allowed: "
              + String.join(", ", allowed)
              + ")");
    }
    if (isDefault && ref.getScope() == ActionRef.Scope.TABLE_ONLY) {
      throw invalid(
          "action '" + a.name() + "' may not be the default action of table '" + t.name() + "'");
    }
    if (!isDefault && ref.getScope() == ActionRef.Scope.DEFAULT_ONLY) {
      throw invalid(
          "action '" + a.name() + "' may only be the default action of table '" + t.name() + "'");
    }
    return action(a, call);
  }

  private net.vdn.p4runtime.proto.v1.Action action(ActionInfo a, ActionCall call) {
    var out = net.vdn.p4runtime.proto.v1.Action.newBuilder().setActionId(a.id());
    for (String given : call.params().keySet()) {
      a.param(given); // fails on unknown or ambiguous names
    }
    for (var p : a.proto().getParamsList()) {
      Value v = null;
      for (Map.Entry<String, Value> given : call.params().entrySet()) {
        if (a.param(given.getKey()).getId() == p.getId()) {
          if (v != null) {
            throw invalid(
                "action '" + a.name() + "': parameter '" + p.getName() + "' is given twice");
          }
          v = given.getValue();
        }
      }
      if (v == null) {
        throw invalid("action '" + a.name() + "': parameter '" + p.getName() + "' is missing");
      }
      fits(v, p.getBitwidth(), "action '" + a.name() + "': parameter '" + p.getName() + "'");
      out.addParams(
          net.vdn.p4runtime.proto.v1.Action.Param.newBuilder()
              .setParamId(p.getId())
              .setValue(v.toByteString()));
    }
    return out.build();
  }

  // ---------------------------------------------------------------- action profiles

  private net.vdn.p4runtime.proto.v1.ActionProfileMember member(
      ActionProfileMember m, Purpose purpose) {
    ActionProfile p = index.actionProfile(m.profile());
    var out =
        net.vdn.p4runtime.proto.v1.ActionProfileMember.newBuilder()
            .setActionProfileId(p.getPreamble().getId())
            .setMemberId(m.memberId());
    if (purpose == Purpose.WRITE) {
      if (m.action() == null) {
        throw invalid(
            "member " + m.memberId() + " of '" + p.getPreamble().getName() + "' has no action");
      }
      ActionInfo a = index.action(m.action().action());
      boolean allowed =
          p.getTableIdsList().stream()
              .anyMatch(tid -> index.table(tid).actionRefs().containsKey(a.id()));
      if (!allowed) {
        throw invalid(
            "action '"
                + a.name()
                + "' is not an action of any table of profile '"
                + p.getPreamble().getName()
                + "'");
      }
      out.setAction(action(a, m.action()));
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.ActionProfileGroup group(
      ActionProfileGroup g, Purpose purpose) {
    ActionProfile p = index.actionProfile(g.profile());
    String where = "group " + g.groupId() + " of '" + p.getPreamble().getName() + "'";
    if (!p.getWithSelector()) {
      throw invalid(
          "action profile '" + p.getPreamble().getName() + "' has no selector, so no groups");
    }
    var out =
        net.vdn.p4runtime.proto.v1.ActionProfileGroup.newBuilder()
            .setActionProfileId(p.getPreamble().getId())
            .setGroupId(g.groupId());
    if (purpose == Purpose.WRITE) {
      if (g.maxSize() < 0 || (p.getMaxGroupSize() > 0 && g.maxSize() > p.getMaxGroupSize())) {
        throw invalid(
            where + ": max size " + g.maxSize() + " is outside 0.." + p.getMaxGroupSize());
      }
      for (ActionProfileGroup.Member m : g.members()) {
        if (m.weight() <= 0) {
          throw invalid(
              where + ": member " + m.memberId() + " needs a positive weight, got " + m.weight());
        }
        out.addMembers(
            net.vdn.p4runtime.proto.v1.ActionProfileGroup.Member.newBuilder()
                .setMemberId(m.memberId())
                .setWeight(m.weight()));
      }
      out.setMaxSize(g.maxSize());
    }
    return out.build();
  }

  // ---------------------------------------------------------------- counters, meters, registers

  private net.vdn.p4runtime.proto.v1.CounterEntry counter(CounterEntry c, Purpose purpose) {
    Counter info = index.counter(c.counter());
    var out =
        net.vdn.p4runtime.proto.v1.CounterEntry.newBuilder()
            .setCounterId(info.getPreamble().getId());
    String where = "counter '" + info.getPreamble().getName() + "'";
    if (c.index() >= 0 || purpose == Purpose.WRITE) {
      out.setIndex(index(c.index(), info.getSize(), where));
    }
    if (purpose == Purpose.WRITE) {
      out.setData(counterData(c.data() == null ? CounterData.ZERO : c.data()));
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.DirectCounterEntry directCounter(
      DirectCounterEntry c, Purpose purpose) {
    TableInfo t = index.table(c.entry().table());
    if (t.directCounterId() == 0) {
      throw invalid("table '" + t.name() + "' has no direct counter");
    }
    var out =
        net.vdn.p4runtime.proto.v1.DirectCounterEntry.newBuilder()
            .setTableEntry(tableEntry(c.entry().key(), Purpose.KEY));
    if (purpose == Purpose.WRITE) {
      out.setData(counterData(c.data() == null ? CounterData.ZERO : c.data()));
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.MeterEntry meter(MeterEntry m, Purpose purpose) {
    Meter info = index.meter(m.meter());
    String where = "meter '" + info.getPreamble().getName() + "'";
    var out =
        net.vdn.p4runtime.proto.v1.MeterEntry.newBuilder().setMeterId(info.getPreamble().getId());
    if (m.index() >= 0 || purpose == Purpose.WRITE) {
      out.setIndex(index(m.index(), info.getSize(), where));
    }
    if (purpose == Purpose.WRITE && m.config() != null) {
      out.setConfig(meterConfig(m.config(), where));
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.DirectMeterEntry directMeter(
      DirectMeterEntry m, Purpose purpose) {
    TableInfo t = index.table(m.entry().table());
    if (t.directMeterId() == 0) {
      throw invalid("table '" + t.name() + "' has no direct meter");
    }
    var out =
        net.vdn.p4runtime.proto.v1.DirectMeterEntry.newBuilder()
            .setTableEntry(tableEntry(m.entry().key(), Purpose.KEY));
    if (purpose == Purpose.WRITE && m.config() != null) {
      out.setConfig(meterConfig(m.config(), "direct meter of table '" + t.name() + "'"));
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.RegisterEntry register(RegisterEntry r, Purpose purpose) {
    Register info = index.register(r.register());
    String where = "register '" + info.getPreamble().getName() + "'";
    var out =
        net.vdn.p4runtime.proto.v1.RegisterEntry.newBuilder()
            .setRegisterId(info.getPreamble().getId());
    if (r.index() >= 0 || purpose == Purpose.WRITE) {
      out.setIndex(index(r.index(), info.getSize(), where));
    }
    if (purpose == Purpose.WRITE) {
      if (r.value() == null) {
        throw invalid(where + ": no value to write");
      }
      fits(r.value(), registerWidth(info), where);
      out.setData(P4Data.newBuilder().setBitstring(r.value().toByteString()));
    }
    return out.build();
  }

  private static int registerWidth(Register info) {
    var spec = info.getTypeSpec();
    if (!spec.hasBitstring() || !spec.getBitstring().hasBit()) {
      throw new InvalidEntityException(
          "register '"
              + info.getPreamble().getName()
              + "' holds "
              + spec.getTypeSpecCase()
              + " values; only bit<W> registers are supported");
    }
    return spec.getBitstring().getBit().getBitwidth();
  }

  private static Index index(long i, long size, String where) {
    if (i < 0 || (size > 0 && i >= size)) {
      throw invalid(where + ": index " + i + " is outside 0.." + (size - 1));
    }
    return Index.newBuilder().setIndex(i).build();
  }

  private static net.vdn.p4runtime.proto.v1.MeterConfig meterConfig(MeterConfig c, String where) {
    if (c.cir() < 0 || c.cburst() < 0 || c.pir() < 0 || c.pburst() < 0 || c.eburst() < 0) {
      throw invalid(where + ": meter rates and bursts must not be negative, got " + c);
    }
    return net.vdn.p4runtime.proto.v1.MeterConfig.newBuilder()
        .setCir(c.cir())
        .setCburst(c.cburst())
        .setPir(c.pir())
        .setPburst(c.pburst())
        .setEburst(c.eburst())
        .build();
  }

  private static net.vdn.p4runtime.proto.v1.CounterData counterData(CounterData d) {
    if (d.bytes() < 0 || d.packets() < 0) {
      throw invalid("counter values must not be negative, got " + d);
    }
    return net.vdn.p4runtime.proto.v1.CounterData.newBuilder()
        .setByteCount(d.bytes())
        .setPacketCount(d.packets())
        .build();
  }

  // ---------------------------------------------------------------- PRE and digests

  private net.vdn.p4runtime.proto.v1.MulticastGroupEntry multicast(
      MulticastGroup g, Purpose purpose) {
    if (g.groupId() <= 0) {
      throw invalid("multicast group id must be positive, got " + g.groupId());
    }
    var out =
        net.vdn.p4runtime.proto.v1.MulticastGroupEntry.newBuilder()
            .setMulticastGroupId(g.groupId());
    if (purpose == Purpose.WRITE) {
      g.replicas().forEach(r -> out.addReplicas(replica(r, "multicast group " + g.groupId())));
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.CloneSessionEntry clone(CloneSession s, Purpose purpose) {
    if (s.sessionId() <= 0) {
      throw invalid("clone session id must be positive, got " + s.sessionId());
    }
    var out = net.vdn.p4runtime.proto.v1.CloneSessionEntry.newBuilder().setSessionId(s.sessionId());
    if (purpose == Purpose.WRITE) {
      if (s.packetLengthBytes() < 0 || s.classOfService() < 0) {
        throw invalid("clone session " + s.sessionId() + ": negative length or class of service");
      }
      s.replicas().forEach(r -> out.addReplicas(replica(r, "clone session " + s.sessionId())));
      out.setClassOfService(s.classOfService()).setPacketLengthBytes(s.packetLengthBytes());
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.Replica replica(Replica r, String where) {
    if (r.port() < 0 || r.instance() < 0) {
      throw invalid(where + ": replica port and instance must not be negative, got " + r);
    }
    var out = net.vdn.p4runtime.proto.v1.Replica.newBuilder().setInstance(r.instance());
    if (legacyReplicaPorts) {
      out.setEgressPort(r.port());
    } else {
      out.setPort(Value.of(r.port()).toByteString());
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.DigestEntry digest(DigestConfig d, Purpose purpose) {
    Digest info = index.digest(d.digest());
    var out =
        net.vdn.p4runtime.proto.v1.DigestEntry.newBuilder().setDigestId(info.getPreamble().getId());
    if (purpose == Purpose.WRITE) {
      if (d.maxTimeoutNs() < 0 || d.maxListSize() < 0 || d.ackTimeoutNs() < 0) {
        throw invalid("digest '" + info.getPreamble().getName() + "': negative configuration " + d);
      }
      out.setConfig(
          net.vdn.p4runtime.proto.v1.DigestEntry.Config.newBuilder()
              .setMaxTimeoutNs(d.maxTimeoutNs())
              .setMaxListSize(d.maxListSize())
              .setAckTimeoutNs(d.ackTimeoutNs()));
    }
    return out.build();
  }

  // ---------------------------------------------------------------- decoding

  /** The named entity of a message read from a target. */
  public Entity decode(net.vdn.p4runtime.proto.v1.Entity e) {
    return switch (e.getEntityCase()) {
      case TABLE_ENTRY -> decodeTableEntry(e.getTableEntry());
      case ACTION_PROFILE_MEMBER -> {
        var m = e.getActionProfileMember();
        yield new ActionProfileMember(
            index.actionProfile(m.getActionProfileId()).getPreamble().getName(),
            m.getMemberId(),
            m.hasAction() ? decodeAction(m.getAction()) : null);
      }
      case ACTION_PROFILE_GROUP -> {
        var g = e.getActionProfileGroup();
        yield new ActionProfileGroup(
            index.actionProfile(g.getActionProfileId()).getPreamble().getName(),
            g.getGroupId(),
            g.getMembersList().stream()
                .map(m -> new ActionProfileGroup.Member(m.getMemberId(), m.getWeight()))
                .toList(),
            g.getMaxSize());
      }
      case COUNTER_ENTRY -> {
        var c = e.getCounterEntry();
        yield new CounterEntry(
            index.counter(c.getCounterId()).getPreamble().getName(),
            c.hasIndex() ? c.getIndex().getIndex() : -1,
            decodeCounterData(c.getData()));
      }
      case DIRECT_COUNTER_ENTRY -> {
        var c = e.getDirectCounterEntry();
        yield new DirectCounterEntry(
            decodeTableEntry(c.getTableEntry()).key(), decodeCounterData(c.getData()));
      }
      case METER_ENTRY -> {
        var m = e.getMeterEntry();
        yield new MeterEntry(
            index.meter(m.getMeterId()).getPreamble().getName(),
            m.hasIndex() ? m.getIndex().getIndex() : -1,
            m.hasConfig() ? decodeMeterConfig(m.getConfig()) : null);
      }
      case DIRECT_METER_ENTRY -> {
        var m = e.getDirectMeterEntry();
        yield new DirectMeterEntry(
            decodeTableEntry(m.getTableEntry()).key(),
            m.hasConfig() ? decodeMeterConfig(m.getConfig()) : null);
      }
      case REGISTER_ENTRY -> {
        var r = e.getRegisterEntry();
        Register info = index.register(r.getRegisterId());
        if (r.getData().getDataCase() != P4Data.DataCase.BITSTRING) {
          throw new P4RuntimeException(
              "register '"
                  + info.getPreamble().getName()
                  + "' returned "
                  + r.getData().getDataCase()
                  + " data; only bit-strings are supported");
        }
        yield new RegisterEntry(
            info.getPreamble().getName(),
            r.hasIndex() ? r.getIndex().getIndex() : -1,
            Value.of(r.getData().getBitstring()));
      }
      case PACKET_REPLICATION_ENGINE_ENTRY -> {
        var pre = e.getPacketReplicationEngineEntry();
        if (pre.hasMulticastGroupEntry()) {
          var g = pre.getMulticastGroupEntry();
          yield new MulticastGroup(g.getMulticastGroupId(), decodeReplicas(g.getReplicasList()));
        }
        var s = pre.getCloneSessionEntry();
        yield new CloneSession(
            s.getSessionId(),
            decodeReplicas(s.getReplicasList()),
            s.getClassOfService(),
            s.getPacketLengthBytes());
      }
      case DIGEST_ENTRY -> {
        var d = e.getDigestEntry();
        yield new DigestConfig(
            index.digest(d.getDigestId()).getPreamble().getName(),
            d.getConfig().getMaxTimeoutNs(),
            d.getConfig().getMaxListSize(),
            d.getConfig().getAckTimeoutNs());
      }
      default -> throw new P4RuntimeException("cannot decode entity of kind " + e.getEntityCase());
    };
  }

  public TableEntry decodeTableEntry(net.vdn.p4runtime.proto.v1.TableEntry e) {
    TableInfo t = index.table(e.getTableId());
    TableEntry.Builder b = TableEntry.in(t.name());
    for (FieldMatch fm : e.getMatchList()) {
      MatchField f = t.fields().byId(fm.getFieldId());
      if (f == null) {
        throw new P4RuntimeException(
            "table '" + t.name() + "' has no match field with id " + fm.getFieldId());
      }
      Match m =
          switch (fm.getFieldMatchTypeCase()) {
            case EXACT -> Match.exact(Value.of(fm.getExact().getValue()));
            case LPM -> Match.lpm(Value.of(fm.getLpm().getValue()), fm.getLpm().getPrefixLen());
            case TERNARY ->
                Match.ternary(
                    Value.of(fm.getTernary().getValue()), Value.of(fm.getTernary().getMask()));
            case RANGE ->
                Match.range(Value.of(fm.getRange().getLow()), Value.of(fm.getRange().getHigh()));
            case OPTIONAL -> Match.optional(Value.of(fm.getOptional().getValue()));
            default ->
                throw new P4RuntimeException(
                    "table '"
                        + t.name()
                        + "': unsupported match kind "
                        + fm.getFieldMatchTypeCase());
          };
      b.match(f.getName(), m);
    }
    if (e.hasAction()) {
      var a = e.getAction();
      b.action(
          switch (a.getTypeCase()) {
            case ACTION -> decodeAction(a.getAction());
            case ACTION_PROFILE_MEMBER_ID ->
                new TableAction.MemberRef(a.getActionProfileMemberId());
            case ACTION_PROFILE_GROUP_ID -> new TableAction.GroupRef(a.getActionProfileGroupId());
            case ACTION_PROFILE_ACTION_SET -> {
              List<TableAction.WeightedAction> actions = new ArrayList<>();
              for (var pa : a.getActionProfileActionSet().getActionProfileActionsList()) {
                actions.add(
                    new TableAction.WeightedAction(decodeAction(pa.getAction()), pa.getWeight()));
              }
              yield new TableAction.ActionSet(actions);
            }
            case TYPE_NOT_SET -> null;
          });
    }
    b.priority(e.getPriority())
        .isDefault(e.getIsDefaultAction())
        .idleTimeoutNs(e.getIdleTimeoutNs())
        .metadata(e.getMetadata());
    if (e.hasMeterConfig()) {
      b.meterConfig(decodeMeterConfig(e.getMeterConfig()));
    }
    if (e.hasCounterData()) {
      b.counterData(decodeCounterData(e.getCounterData()));
    }
    return b.build();
  }

  private ActionCall decodeAction(net.vdn.p4runtime.proto.v1.Action a) {
    ActionInfo info = index.action(a.getActionId());
    Map<String, Value> params = new LinkedHashMap<>();
    for (var p : a.getParamsList()) {
      var param = info.params().byId(p.getParamId());
      if (param == null) {
        throw new P4RuntimeException(
            "action '" + info.name() + "' has no parameter with id " + p.getParamId());
      }
      params.put(param.getName(), Value.of(p.getValue()));
    }
    return new ActionCall(info.name(), params);
  }

  private static List<Replica> decodeReplicas(List<net.vdn.p4runtime.proto.v1.Replica> replicas) {
    return replicas.stream()
        .map(
            r ->
                new Replica(
                    r.getPortKindCase() == net.vdn.p4runtime.proto.v1.Replica.PortKindCase.PORT
                        ? (int) Value.of(r.getPort()).toLong()
                        : r.getEgressPort(),
                    r.getInstance()))
        .toList();
  }

  private static CounterData decodeCounterData(net.vdn.p4runtime.proto.v1.CounterData d) {
    return new CounterData(d.getByteCount(), d.getPacketCount());
  }

  private static MeterConfig decodeMeterConfig(net.vdn.p4runtime.proto.v1.MeterConfig c) {
    return new MeterConfig(c.getCir(), c.getCburst(), c.getPir(), c.getPburst(), c.getEburst());
  }

  private static void fits(Value v, int bitwidth, String where) {
    if (v == null) {
      throw invalid(where + ": no value");
    }
    if (!v.fits(bitwidth)) {
      throw invalid(where + ": value " + v + " does not fit " + bitwidth + " bits");
    }
  }

  private static InvalidEntityException invalid(String message) {
    return new InvalidEntityException(message);
  }
}
