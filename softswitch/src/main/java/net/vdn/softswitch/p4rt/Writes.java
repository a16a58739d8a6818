package net.vdn.softswitch.p4rt;

import com.google.rpc.Code;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.v1.DigestEntry;
import net.vdn.p4runtime.proto.v1.Entity;
import net.vdn.p4runtime.proto.v1.Update;
import net.vdn.softswitch.CloneSession;
import net.vdn.softswitch.MulticastGroup;
import net.vdn.softswitch.Replica;
import net.vdn.softswitch.extern.CounterData;
import net.vdn.softswitch.extern.MeterConfig;
import net.vdn.softswitch.table.ActionProfile;
import net.vdn.softswitch.table.EntryAction;
import net.vdn.softswitch.table.EntryException;
import net.vdn.softswitch.table.KeyMatch;
import net.vdn.softswitch.table.MatchTable;
import net.vdn.softswitch.table.TableEntry;

/** Applies one P4Runtime update to the engine, or fails it with the specification's code. */
final class Writes {
  private final Pipeline pipeline;
  private final P4InfoIndex index;
  private final Map<Integer, DigestEntry.Config> digests;

  Writes(Pipeline pipeline, Map<Integer, DigestEntry.Config> digests) {
    this.pipeline = pipeline;
    this.index = pipeline.p4info();
    this.digests = digests;
  }

  void apply(Update u) {
    if (u.getType() == Update.Type.UNSPECIFIED || u.getType() == Update.Type.UNRECOGNIZED) {
      throw UpdateError.invalid("update type is not set");
    }
    Entity e = u.getEntity();
    try {
      switch (e.getEntityCase()) {
        case TABLE_ENTRY -> tableEntry(u.getType(), e.getTableEntry());
        case ACTION_PROFILE_MEMBER -> member(u.getType(), e.getActionProfileMember());
        case ACTION_PROFILE_GROUP -> group(u.getType(), e.getActionProfileGroup());
        case COUNTER_ENTRY -> counter(u.getType(), e.getCounterEntry());
        case DIRECT_COUNTER_ENTRY -> directCounter(u.getType(), e.getDirectCounterEntry());
        case METER_ENTRY -> meter(u.getType(), e.getMeterEntry());
        case DIRECT_METER_ENTRY -> directMeter(u.getType(), e.getDirectMeterEntry());
        case REGISTER_ENTRY -> register(u.getType(), e.getRegisterEntry());
        case PACKET_REPLICATION_ENGINE_ENTRY ->
            pre(u.getType(), e.getPacketReplicationEngineEntry());
        case DIGEST_ENTRY -> digest(u.getType(), e.getDigestEntry());
        case ENTITY_NOT_SET -> throw UpdateError.invalid("the update has no entity");
        default ->
            throw UpdateError.unimplemented(
                e.getEntityCase() + " is not supported by the softswitch");
      }
    } catch (EntryException x) {
      throw new UpdateError(code(x.kind()), x.getMessage());
    } catch (net.vdn.p4runtime.P4InfoException x) {
      throw UpdateError.notFound(x.getMessage());
    }
  }

  static Code code(EntryException.Kind kind) {
    return switch (kind) {
      case INVALID -> Code.INVALID_ARGUMENT;
      case DUPLICATE -> Code.ALREADY_EXISTS;
      case NOT_FOUND -> Code.NOT_FOUND;
      case FULL -> Code.RESOURCE_EXHAUSTED;
      case CONST -> Code.PERMISSION_DENIED;
      case IN_USE -> Code.FAILED_PRECONDITION;
    };
  }

  private void tableEntry(Update.Type type, net.vdn.p4runtime.proto.v1.TableEntry e) {
    TableInfo t = index.table(e.getTableId());
    MatchTable table = pipeline.engine().table(t.name());
    if (e.getIsDefaultAction()) {
      if (type != Update.Type.MODIFY || e.getMatchCount() > 0) {
        throw UpdateError.invalid(
            "the default entry of '" + t.name() + "' can only be modified, without match fields");
      }
      if (table.defaultActionConst()) {
        throw new UpdateError(
            Code.PERMISSION_DENIED, "the default action of '" + t.name() + "' is const");
      }
      if (!e.hasAction()) {
        // As the specification says and BMv2 does: no action resets the program's default.
        table.resetDefaultAction();
        return;
      }
      if (!e.getAction().hasAction()) {
        throw UpdateError.invalid("the default entry of '" + t.name() + "' needs a direct action");
      }
      table.setDefaultAction(Keys.call(index, t, table, e.getAction().getAction(), true));
      return;
    }
    if (t.proto().getIsConstTable()) {
      throw new UpdateError(Code.PERMISSION_DENIED, "table '" + t.name() + "' is const");
    }
    List<KeyMatch> key = Keys.key(t, e);
    if (type == Update.Type.DELETE) {
      table.delete(key, e.getPriority());
      return;
    }
    if (e.getIdleTimeoutNs() < 0 || (e.getIdleTimeoutNs() > 0 && !table.supportsTimeout())) {
      throw UpdateError.invalid(
          "table '"
              + t.name()
              + "' does not support an idle timeout of "
              + e.getIdleTimeoutNs()
              + " ns");
    }
    EntryAction action =
        switch (e.getAction().getTypeCase()) {
          case ACTION -> Keys.call(index, t, table, e.getAction().getAction(), false);
          case ACTION_PROFILE_MEMBER_ID ->
              new EntryAction.Member(e.getAction().getActionProfileMemberId());
          case ACTION_PROFILE_GROUP_ID ->
              new EntryAction.Group(e.getAction().getActionProfileGroupId());
          case ACTION_PROFILE_ACTION_SET ->
              throw UpdateError.unimplemented(
                  "one-shot action sets are not supported by the softswitch yet");
          case TYPE_NOT_SET ->
              throw UpdateError.invalid("table '" + t.name() + "': the entry has no action");
        };
    TableEntry spec = new TableEntry(key, e.getPriority(), action);
    if (type == Update.Type.INSERT) {
      table.insert(spec);
    } else {
      table.modify(spec);
    }
    if (table.supportsTimeout()) {
      table.idleTimeout(key, e.getPriority(), e.getIdleTimeoutNs());
    }
    if (e.hasCounterData()) {
      table.directCounter(key, e.getPriority(), counterData(e.getCounterData()));
    }
    if (e.hasMeterConfig()) {
      table.directMeter(key, e.getPriority(), meterConfig(e.getMeterConfig()));
    }
  }

  private ActionProfile profile(int id) {
    return pipeline.engine().actionProfile(index.actionProfile(id).getPreamble().getName());
  }

  private void member(Update.Type type, net.vdn.p4runtime.proto.v1.ActionProfileMember m) {
    ActionProfile profile = profile(m.getActionProfileId());
    if (type == Update.Type.DELETE) {
      profile.deleteMember(m.getMemberId());
      return;
    }
    var p = index.actionProfile(m.getActionProfileId());
    if (p.getTableIdsCount() == 0) {
      throw UpdateError.invalid(
          "action profile '" + p.getPreamble().getName() + "' serves no table");
    }
    TableInfo t = index.table(p.getTableIds(0));
    EntryAction.Call call =
        Keys.call(index, t, pipeline.engine().table(t.name()), m.getAction(), false);
    if (type == Update.Type.INSERT) {
      profile.insertMember(m.getMemberId(), call);
    } else {
      profile.modifyMember(m.getMemberId(), call);
    }
  }

  private void group(Update.Type type, net.vdn.p4runtime.proto.v1.ActionProfileGroup g) {
    ActionProfile profile = profile(g.getActionProfileId());
    if (type == Update.Type.DELETE) {
      profile.deleteGroup(g.getGroupId());
      return;
    }
    var members =
        g.getMembersList().stream()
            .map(m -> new ActionProfile.GroupMember(m.getMemberId(), m.getWeight()))
            .toList();
    var group = new ActionProfile.Group(g.getGroupId(), members, g.getMaxSize());
    if (type == Update.Type.INSERT) {
      profile.insertGroup(group);
    } else {
      profile.modifyGroup(group);
    }
  }

  private static void requireModify(Update.Type type, String what) {
    if (type != Update.Type.MODIFY) {
      throw UpdateError.invalid(what + " can only be modified");
    }
  }

  private static int index(
      net.vdn.p4runtime.proto.v1.Index i, boolean has, long size, String what) {
    if (!has) {
      throw UpdateError.unimplemented(
          what + ": writing every cell at once is not supported; give an index");
    }
    if (i.getIndex() < 0 || i.getIndex() >= size) {
      throw new UpdateError(
          Code.OUT_OF_RANGE, what + ": index " + i.getIndex() + " is outside 0.." + (size - 1));
    }
    return (int) i.getIndex();
  }

  private void counter(Update.Type type, net.vdn.p4runtime.proto.v1.CounterEntry c) {
    var info = index.counter(c.getCounterId());
    String what = "counter '" + info.getPreamble().getName() + "'";
    requireModify(type, what);
    var array = pipeline.engine().counter(info.getPreamble().getName());
    array.write(index(c.getIndex(), c.hasIndex(), array.size(), what), counterData(c.getData()));
  }

  private void meter(Update.Type type, net.vdn.p4runtime.proto.v1.MeterEntry m) {
    var info = index.meter(m.getMeterId());
    String what = "meter '" + info.getPreamble().getName() + "'";
    requireModify(type, what);
    var array = pipeline.engine().meter(info.getPreamble().getName());
    array.configure(
        index(m.getIndex(), m.hasIndex(), array.size(), what),
        m.hasConfig() ? meterConfig(m.getConfig()) : null);
  }

  private void directCounter(Update.Type type, net.vdn.p4runtime.proto.v1.DirectCounterEntry c) {
    requireModify(type, "direct counters");
    TableInfo t = index.table(c.getTableEntry().getTableId());
    pipeline
        .engine()
        .table(t.name())
        .directCounter(
            Keys.key(t, c.getTableEntry()),
            c.getTableEntry().getPriority(),
            counterData(c.getData()));
  }

  private void directMeter(Update.Type type, net.vdn.p4runtime.proto.v1.DirectMeterEntry m) {
    requireModify(type, "direct meters");
    TableInfo t = index.table(m.getTableEntry().getTableId());
    pipeline
        .engine()
        .table(t.name())
        .directMeter(
            Keys.key(t, m.getTableEntry()),
            m.getTableEntry().getPriority(),
            m.hasConfig() ? meterConfig(m.getConfig()) : null);
  }

  private void register(Update.Type type, net.vdn.p4runtime.proto.v1.RegisterEntry r) {
    var info = index.register(r.getRegisterId());
    String what = "register '" + info.getPreamble().getName() + "'";
    requireModify(type, what);
    if (!r.getData().hasBitstring()) {
      throw UpdateError.invalid(what + ": only bit-string values are supported");
    }
    var array = pipeline.engine().register(info.getPreamble().getName());
    if (!Value.of(r.getData().getBitstring()).fits(array.bitwidth())) {
      throw UpdateError.invalid(what + ": value does not fit " + array.bitwidth() + " bits");
    }
    array.put(
        index(r.getIndex(), r.hasIndex(), array.size(), what),
        r.getData().getBitstring().toByteArray());
  }

  private void pre(Update.Type type, net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry pre) {
    var engine = pipeline.engine().pre();
    {
      if (pre.hasMulticastGroupEntry()) {
        var g = pre.getMulticastGroupEntry();
        if (g.getMulticastGroupId() == 0) {
          throw UpdateError.invalid("multicast group id 0 is reserved");
        }
        var fields = pipeline.replicaFields();
        switch (type) {
          case INSERT -> {
            engine.insertGroup(
                new MulticastGroup(g.getMulticastGroupId(), replicas(g.getReplicasList())));
            fields.group(g.getMulticastGroupId(), g.getReplicasList());
          }
          case MODIFY -> {
            engine.modifyGroup(
                new MulticastGroup(g.getMulticastGroupId(), replicas(g.getReplicasList())));
            fields.group(g.getMulticastGroupId(), g.getReplicasList());
          }
          default -> {
            engine.deleteGroup(g.getMulticastGroupId());
            fields.removeGroup(g.getMulticastGroupId());
          }
        }
      } else if (pre.hasCloneSessionEntry()) {
        var s = pre.getCloneSessionEntry();
        if (s.getSessionId() == 0) {
          throw UpdateError.invalid("clone session id 0 is reserved");
        }
        var session =
            new CloneSession(
                s.getSessionId(),
                replicas(s.getReplicasList()),
                s.getClassOfService(),
                s.getPacketLengthBytes());
        var fields = pipeline.replicaFields();
        switch (type) {
          case INSERT -> {
            engine.insertSession(session);
            fields.session(s.getSessionId(), s.getReplicasList());
          }
          case MODIFY -> {
            engine.modifySession(session);
            fields.session(s.getSessionId(), s.getReplicasList());
          }
          default -> {
            engine.deleteSession(s.getSessionId());
            fields.removeSession(s.getSessionId());
          }
        }
      } else {
        throw UpdateError.invalid("empty packet replication engine entry");
      }
    }
  }

  private static List<Replica> replicas(List<net.vdn.p4runtime.proto.v1.Replica> in) {
    return in.stream()
        .map(
            r ->
                new Replica(
                    r.getPortKindCase() == net.vdn.p4runtime.proto.v1.Replica.PortKindCase.PORT
                        ? (int) Value.of(r.getPort()).toLong()
                        : r.getEgressPort(),
                    r.getInstance()))
        .toList();
  }

  private void digest(Update.Type type, DigestEntry d) {
    index.digest(d.getDigestId());
    switch (type) {
      case INSERT -> {
        if (digests.putIfAbsent(d.getDigestId(), d.getConfig()) != null) {
          throw new UpdateError(
              Code.ALREADY_EXISTS, "digest " + d.getDigestId() + " is already enabled");
        }
      }
      case MODIFY -> {
        if (digests.replace(d.getDigestId(), d.getConfig()) == null) {
          throw UpdateError.notFound("digest " + d.getDigestId() + " is not enabled");
        }
      }
      default -> {
        if (digests.remove(d.getDigestId()) == null) {
          throw UpdateError.notFound("digest " + d.getDigestId() + " is not enabled");
        }
      }
    }
  }

  static CounterData counterData(net.vdn.p4runtime.proto.v1.CounterData d) {
    return new CounterData(d.getPacketCount(), d.getByteCount());
  }

  static MeterConfig meterConfig(net.vdn.p4runtime.proto.v1.MeterConfig c) {
    if (c.getCir() > c.getPir()) {
      throw UpdateError.invalid(
          "meter config: a two-rate meter needs PIR >= CIR, got CIR "
              + c.getCir()
              + " above PIR "
              + c.getPir());
    }
    try {
      return new MeterConfig(c.getCir(), c.getCburst(), c.getPir(), c.getPburst());
    } catch (IllegalArgumentException x) {
      throw UpdateError.invalid(x.getMessage());
    }
  }

  static Map<Integer, DigestEntry.Config> newDigestTable() {
    return new ConcurrentHashMap<>();
  }
}
