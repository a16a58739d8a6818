package net.vdn.p4runtime.entity;

import java.util.List;
import net.vdn.p4runtime.InvalidEntityException;
import net.vdn.p4runtime.P4RuntimeException;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.info.ActionInfo;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.config.v1.ActionProfile;
import net.vdn.p4runtime.proto.config.v1.Counter;
import net.vdn.p4runtime.proto.config.v1.Digest;
import net.vdn.p4runtime.proto.config.v1.Meter;
import net.vdn.p4runtime.proto.config.v1.Register;
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
  private final TableEntryCodec tables;

  /**
   * @param legacyReplicaPorts write replica ports in the deprecated 32-bit {@code egress_port}
   *     field, for targets older than P4Runtime 1.4
   */
  public EntityCodec(P4InfoIndex index, boolean legacyReplicaPorts) {
    this.index = index;
    this.tables = new TableEntryCodec(index);
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

  /** Validates and encodes a table entry. */
  public net.vdn.p4runtime.proto.v1.TableEntry tableEntry(TableEntry e, Purpose purpose) {
    return tables.encode(e, purpose);
  }

  /** Decodes a table entry read from a target, names in full and values canonical. */
  public TableEntry decodeTableEntry(net.vdn.p4runtime.proto.v1.TableEntry e) {
    return tables.decode(e);
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
        throw Wire.invalid(
            "member " + m.memberId() + " of '" + p.getPreamble().getName() + "' has no action");
      }
      ActionInfo a = index.action(m.action().action());
      boolean allowed =
          p.getTableIdsList().stream()
              .anyMatch(tid -> index.table(tid).actionRefs().containsKey(a.id()));
      if (!allowed) {
        throw Wire.invalid(
            "action '"
                + a.name()
                + "' is not an action of any table of profile '"
                + p.getPreamble().getName()
                + "'");
      }
      out.setAction(tables.action(a, m.action()));
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.ActionProfileGroup group(
      ActionProfileGroup g, Purpose purpose) {
    ActionProfile p = index.actionProfile(g.profile());
    String where = "group " + g.groupId() + " of '" + p.getPreamble().getName() + "'";
    if (!p.getWithSelector()) {
      throw Wire.invalid(
          "action profile '" + p.getPreamble().getName() + "' has no selector, so no groups");
    }
    var out =
        net.vdn.p4runtime.proto.v1.ActionProfileGroup.newBuilder()
            .setActionProfileId(p.getPreamble().getId())
            .setGroupId(g.groupId());
    if (purpose == Purpose.WRITE) {
      if (g.maxSize() < 0 || (p.getMaxGroupSize() > 0 && g.maxSize() > p.getMaxGroupSize())) {
        throw Wire.invalid(
            where + ": max size " + g.maxSize() + " is outside 0.." + p.getMaxGroupSize());
      }
      for (ActionProfileGroup.Member m : g.members()) {
        if (m.weight() <= 0) {
          throw Wire.invalid(
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
      out.setData(Wire.counterData(c.data() == null ? CounterData.ZERO : c.data()));
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.DirectCounterEntry directCounter(
      DirectCounterEntry c, Purpose purpose) {
    TableInfo t = index.table(c.entry().table());
    if (t.directCounterId() == 0) {
      throw Wire.invalid("table '" + t.name() + "' has no direct counter");
    }
    var out =
        net.vdn.p4runtime.proto.v1.DirectCounterEntry.newBuilder()
            .setTableEntry(tableEntry(c.entry().key(), Purpose.KEY));
    if (purpose == Purpose.WRITE) {
      out.setData(Wire.counterData(c.data() == null ? CounterData.ZERO : c.data()));
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
      out.setConfig(Wire.meterConfig(m.config(), where));
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.DirectMeterEntry directMeter(
      DirectMeterEntry m, Purpose purpose) {
    TableInfo t = index.table(m.entry().table());
    if (t.directMeterId() == 0) {
      throw Wire.invalid("table '" + t.name() + "' has no direct meter");
    }
    var out =
        net.vdn.p4runtime.proto.v1.DirectMeterEntry.newBuilder()
            .setTableEntry(tableEntry(m.entry().key(), Purpose.KEY));
    if (purpose == Purpose.WRITE && m.config() != null) {
      out.setConfig(Wire.meterConfig(m.config(), "direct meter of table '" + t.name() + "'"));
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
        throw Wire.invalid(where + ": no value to write");
      }
      Wire.fits(r.value(), registerWidth(info), where);
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
      throw Wire.invalid(where + ": index " + i + " is outside 0.." + (size - 1));
    }
    return Index.newBuilder().setIndex(i).build();
  }

  // ---------------------------------------------------------------- PRE and digests

  private net.vdn.p4runtime.proto.v1.MulticastGroupEntry multicast(
      MulticastGroup g, Purpose purpose) {
    if (g.groupId() <= 0) {
      throw Wire.invalid("multicast group id must be positive, got " + g.groupId());
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
      throw Wire.invalid("clone session id must be positive, got " + s.sessionId());
    }
    var out = net.vdn.p4runtime.proto.v1.CloneSessionEntry.newBuilder().setSessionId(s.sessionId());
    if (purpose == Purpose.WRITE) {
      if (s.packetLengthBytes() < 0 || s.classOfService() < 0) {
        throw Wire.invalid(
            "clone session " + s.sessionId() + ": negative length or class of service");
      }
      s.replicas().forEach(r -> out.addReplicas(replica(r, "clone session " + s.sessionId())));
      out.setClassOfService(s.classOfService()).setPacketLengthBytes(s.packetLengthBytes());
    }
    return out.build();
  }

  private net.vdn.p4runtime.proto.v1.Replica replica(Replica r, String where) {
    if (r.port() < 0 || r.instance() < 0) {
      throw Wire.invalid(where + ": replica port and instance must not be negative, got " + r);
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
        throw Wire.invalid(
            "digest '" + info.getPreamble().getName() + "': negative configuration " + d);
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
            m.hasAction() ? tables.decodeAction(m.getAction()) : null);
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
            Wire.decodeCounterData(c.getData()));
      }
      case DIRECT_COUNTER_ENTRY -> {
        var c = e.getDirectCounterEntry();
        yield new DirectCounterEntry(
            decodeTableEntry(c.getTableEntry()).key(), Wire.decodeCounterData(c.getData()));
      }
      case METER_ENTRY -> {
        var m = e.getMeterEntry();
        yield new MeterEntry(
            index.meter(m.getMeterId()).getPreamble().getName(),
            m.hasIndex() ? m.getIndex().getIndex() : -1,
            m.hasConfig() ? Wire.decodeMeterConfig(m.getConfig()) : null);
      }
      case DIRECT_METER_ENTRY -> {
        var m = e.getDirectMeterEntry();
        yield new DirectMeterEntry(
            decodeTableEntry(m.getTableEntry()).key(),
            m.hasConfig() ? Wire.decodeMeterConfig(m.getConfig()) : null);
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
}
