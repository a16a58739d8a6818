package net.vdn.softswitch.p4rt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.v1.ActionProfileGroup;
import net.vdn.p4runtime.proto.v1.ActionProfileMember;
import net.vdn.p4runtime.proto.v1.CounterEntry;
import net.vdn.p4runtime.proto.v1.DigestEntry;
import net.vdn.p4runtime.proto.v1.DirectCounterEntry;
import net.vdn.p4runtime.proto.v1.DirectMeterEntry;
import net.vdn.p4runtime.proto.v1.Entity;
import net.vdn.p4runtime.proto.v1.Index;
import net.vdn.p4runtime.proto.v1.MeterEntry;
import net.vdn.p4runtime.proto.v1.P4Data;
import net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry;
import net.vdn.p4runtime.proto.v1.RegisterEntry;
import net.vdn.p4runtime.proto.v1.Replica;
import net.vdn.p4runtime.proto.v1.TableAction;
import net.vdn.p4runtime.proto.v1.TableEntry;
import net.vdn.softswitch.extern.CounterData;
import net.vdn.softswitch.extern.MeterConfig;
import net.vdn.softswitch.table.EntryAction;
import net.vdn.softswitch.table.EntryException;
import net.vdn.softswitch.table.KeyMatch;
import net.vdn.softswitch.table.MatchTable;

/** Answers one read filter (unset fields are wildcards) with canonical entities. */
final class Reads {
  private final Pipeline pipeline;
  private final P4InfoIndex index;
  private final Map<Integer, DigestEntry.Config> digests;

  Reads(Pipeline pipeline, Map<Integer, DigestEntry.Config> digests) {
    this.pipeline = pipeline;
    this.index = pipeline.p4info();
    this.digests = digests;
  }

  void read(Entity filter, Consumer<Entity> out) {
    try {
      switch (filter.getEntityCase()) {
        case TABLE_ENTRY -> tables(filter.getTableEntry(), out);
        case ACTION_PROFILE_MEMBER -> members(filter.getActionProfileMember(), out);
        case ACTION_PROFILE_GROUP -> groups(filter.getActionProfileGroup(), out);
        case COUNTER_ENTRY -> counters(filter.getCounterEntry(), out);
        case METER_ENTRY -> meters(filter.getMeterEntry(), out);
        case REGISTER_ENTRY -> registers(filter.getRegisterEntry(), out);
        case DIRECT_COUNTER_ENTRY -> directCounters(filter.getDirectCounterEntry(), out);
        case DIRECT_METER_ENTRY -> directMeters(filter.getDirectMeterEntry(), out);
        case PACKET_REPLICATION_ENGINE_ENTRY -> pre(filter.getPacketReplicationEngineEntry(), out);
        case DIGEST_ENTRY -> digests(filter.getDigestEntry(), out);
        default ->
            throw UpdateError.unimplemented(
                "reading " + filter.getEntityCase() + " is not supported");
      }
    } catch (EntryException x) {
      throw new UpdateError(Writes.code(x.kind()), x.getMessage());
    } catch (net.vdn.p4runtime.P4InfoException x) {
      throw UpdateError.notFound(x.getMessage());
    }
  }

  private List<TableInfo> tablesOf(int id) {
    return id == 0 ? List.copyOf(index.tables().all()) : List.of(index.table(id));
  }

  private void tables(TableEntry f, Consumer<Entity> out) {
    for (TableInfo t : tablesOf(f.getTableId())) {
      MatchTable table = pipeline.engine().table(t.name());
      if (f.getIsDefaultAction()) {
        var e = TableEntry.newBuilder().setTableId(t.id()).setIsDefaultAction(true);
        EntryAction.Call call = table.defaultAction();
        if (call != null) {
          e.setAction(TableAction.newBuilder().setAction(Keys.action(index, table, call)));
        }
        out.accept(Entity.newBuilder().setTableEntry(e).build());
        continue;
      }
      List<net.vdn.softswitch.table.TableEntry> entries;
      if (f.getMatchCount() > 0 || f.getPriority() != 0) {
        var one = table.get(Keys.key(t, f), f.getPriority());
        if (one == null) {
          throw absent("table '" + t.name() + "' has no such entry");
        }
        entries = List.of(one);
      } else {
        entries = table.read();
      }
      for (var entry : entries) {
        out.accept(Entity.newBuilder().setTableEntry(tableEntry(t, table, entry, f)).build());
      }
    }
  }

  /** A full P4Runtime entry (key, action, idle timeout) of an engine entry. */
  TableEntry entry(TableInfo t, MatchTable table, net.vdn.softswitch.table.TableEntry entry) {
    return tableEntry(t, table, entry, TableEntry.getDefaultInstance());
  }

  private TableEntry tableEntry(
      TableInfo t, MatchTable table, net.vdn.softswitch.table.TableEntry entry, TableEntry f) {
    var e =
        TableEntry.newBuilder()
            .setTableId(t.id())
            .addAllMatch(Keys.fieldMatches(t.proto(), entry.match()))
            .setPriority(entry.priority());
    switch (entry.action()) {
      case EntryAction.Call c ->
          e.setAction(TableAction.newBuilder().setAction(Keys.action(index, table, c)));
      case EntryAction.Member m ->
          e.setAction(TableAction.newBuilder().setActionProfileMemberId(m.memberId()));
      case EntryAction.Group g ->
          e.setAction(TableAction.newBuilder().setActionProfileGroupId(g.groupId()));
    }
    if (table.supportsTimeout()) {
      e.setIdleTimeoutNs(table.idleTimeout(entry.match(), entry.priority()));
      if (f.hasTimeSinceLastHit()) {
        e.setTimeSinceLastHit(
            TableEntry.IdleTimeout.newBuilder()
                .setElapsedNs(table.sinceLastHit(entry.match(), entry.priority())));
      }
    }
    if (f.hasCounterData() && table.hasDirectCounter()) {
      e.setCounterData(counterData(table.directCounter(entry.match(), entry.priority())));
    }
    if (f.hasMeterConfig() && table.hasDirectMeter()) {
      MeterConfig c = table.directMeter(entry.match(), entry.priority());
      if (c != null) {
        e.setMeterConfig(meterConfig(c));
      }
    }
    return e.build();
  }

  private void members(ActionProfileMember f, Consumer<Entity> out) {
    for (var p : profilesOf(f.getActionProfileId())) {
      var profile = pipeline.engine().actionProfile(p.getPreamble().getName());
      TableInfo t = index.table(p.getTableIds(0));
      MatchTable table = pipeline.engine().table(t.name());
      boolean found = false;
      for (var m : profile.members()) {
        if (f.getMemberId() != 0 && f.getMemberId() != m.id()) {
          continue;
        }
        found = true;
        out.accept(
            Entity.newBuilder()
                .setActionProfileMember(
                    ActionProfileMember.newBuilder()
                        .setActionProfileId(p.getPreamble().getId())
                        .setMemberId(m.id())
                        .setAction(Keys.action(index, table, m.call())))
                .build());
      }
      if (!found && f.getMemberId() != 0 && f.getActionProfileId() != 0) {
        throw absent(
            "action profile '" + p.getPreamble().getName() + "' has no member " + f.getMemberId());
      }
    }
  }

  private void groups(ActionProfileGroup f, Consumer<Entity> out) {
    for (var p : profilesOf(f.getActionProfileId())) {
      var profile = pipeline.engine().actionProfile(p.getPreamble().getName());
      if (!profile.hasSelector()) {
        continue;
      }
      boolean found = false;
      for (var g : profile.groups()) {
        if (f.getGroupId() != 0 && f.getGroupId() != g.id()) {
          continue;
        }
        found = true;
        var b =
            ActionProfileGroup.newBuilder()
                .setActionProfileId(p.getPreamble().getId())
                .setGroupId(g.id())
                .setMaxSize(g.maxSize());
        g.members()
            .forEach(
                m ->
                    b.addMembers(
                        ActionProfileGroup.Member.newBuilder()
                            .setMemberId(m.memberId())
                            .setWeight(m.weight())));
        out.accept(Entity.newBuilder().setActionProfileGroup(b).build());
      }
      if (!found && f.getGroupId() != 0 && f.getActionProfileId() != 0) {
        throw absent(
            "action profile '" + p.getPreamble().getName() + "' has no group " + f.getGroupId());
      }
    }
  }

  private List<net.vdn.p4runtime.proto.config.v1.ActionProfile> profilesOf(int id) {
    return id == 0 ? index.p4info().getActionProfilesList() : List.of(index.actionProfile(id));
  }

  private static List<Integer> cells(boolean hasIndex, Index i, int size) {
    if (hasIndex) {
      if (i.getIndex() < 0 || i.getIndex() >= size) {
        throw new UpdateError(
            com.google.rpc.Code.OUT_OF_RANGE,
            "index " + i.getIndex() + " is outside 0.." + (size - 1));
      }
      return List.of((int) i.getIndex());
    }
    List<Integer> all = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      all.add(k);
    }
    return all;
  }

  private void counters(CounterEntry f, Consumer<Entity> out) {
    var infos =
        f.getCounterId() == 0
            ? index.p4info().getCountersList()
            : List.of(index.counter(f.getCounterId()));
    for (var info : infos) {
      var array = pipeline.engine().counter(info.getPreamble().getName());
      for (int i : cells(f.hasIndex(), f.getIndex(), array.size())) {
        out.accept(
            Entity.newBuilder()
                .setCounterEntry(
                    CounterEntry.newBuilder()
                        .setCounterId(info.getPreamble().getId())
                        .setIndex(Index.newBuilder().setIndex(i))
                        .setData(counterData(array.read(i))))
                .build());
      }
    }
  }

  private void meters(MeterEntry f, Consumer<Entity> out) {
    var infos =
        f.getMeterId() == 0 ? index.p4info().getMetersList() : List.of(index.meter(f.getMeterId()));
    for (var info : infos) {
      var array = pipeline.engine().meter(info.getPreamble().getName());
      for (int i : cells(f.hasIndex(), f.getIndex(), array.size())) {
        var m =
            MeterEntry.newBuilder()
                .setMeterId(info.getPreamble().getId())
                .setIndex(Index.newBuilder().setIndex(i));
        MeterConfig c = array.config(i);
        if (c != null) {
          m.setConfig(meterConfig(c));
        }
        out.accept(Entity.newBuilder().setMeterEntry(m).build());
      }
    }
  }

  private void registers(RegisterEntry f, Consumer<Entity> out) {
    var infos =
        f.getRegisterId() == 0
            ? index.p4info().getRegistersList()
            : List.of(index.register(f.getRegisterId()));
    for (var info : infos) {
      var array = pipeline.engine().register(info.getPreamble().getName());
      for (int i : cells(f.hasIndex(), f.getIndex(), array.size())) {
        out.accept(
            Entity.newBuilder()
                .setRegisterEntry(
                    RegisterEntry.newBuilder()
                        .setRegisterId(info.getPreamble().getId())
                        .setIndex(Index.newBuilder().setIndex(i))
                        .setData(P4Data.newBuilder().setBitstring(Keys.canonical(array.get(i)))))
                .build());
      }
    }
  }

  private void directCounters(DirectCounterEntry f, Consumer<Entity> out) {
    TableEntry key = f.getTableEntry();
    TableInfo t = index.table(key.getTableId());
    MatchTable table = pipeline.engine().table(t.name());
    for (var entry : entriesFor(t, table, key)) {
      out.accept(
          Entity.newBuilder()
              .setDirectCounterEntry(
                  DirectCounterEntry.newBuilder()
                      .setTableEntry(keyOf(t, entry))
                      .setData(counterData(table.directCounter(entry.match(), entry.priority()))))
              .build());
    }
  }

  private void directMeters(DirectMeterEntry f, Consumer<Entity> out) {
    TableEntry key = f.getTableEntry();
    TableInfo t = index.table(key.getTableId());
    MatchTable table = pipeline.engine().table(t.name());
    for (var entry : entriesFor(t, table, key)) {
      var m = DirectMeterEntry.newBuilder().setTableEntry(keyOf(t, entry));
      MeterConfig c = table.directMeter(entry.match(), entry.priority());
      if (c != null) {
        m.setConfig(meterConfig(c));
      }
      out.accept(Entity.newBuilder().setDirectMeterEntry(m).build());
    }
  }

  private static List<net.vdn.softswitch.table.TableEntry> entriesFor(
      TableInfo t, MatchTable table, TableEntry key) {
    if (key.getMatchCount() == 0 && key.getPriority() == 0) {
      return table.read();
    }
    List<KeyMatch> match = Keys.key(t, key);
    var one = table.get(match, key.getPriority());
    if (one == null) {
      throw absent("table '" + t.name() + "' has no such entry");
    }
    return List.of(one);
  }

  private static TableEntry keyOf(TableInfo t, net.vdn.softswitch.table.TableEntry entry) {
    return TableEntry.newBuilder()
        .setTableId(t.id())
        .addAllMatch(Keys.fieldMatches(t.proto(), entry.match()))
        .setPriority(entry.priority())
        .build();
  }

  private void pre(PacketReplicationEngineEntry f, Consumer<Entity> out) {
    var engine = pipeline.engine().pre();
    var fields = pipeline.replicaFields();
    if (f.hasMulticastGroupEntry()) {
      int id = f.getMulticastGroupEntry().getMulticastGroupId();
      boolean found = false;
      for (var g : engine.groups()) {
        if (id == 0 || id == g.id()) {
          found = true;
          var b =
              net.vdn.p4runtime.proto.v1.MulticastGroupEntry.newBuilder()
                  .setMulticastGroupId(g.id());
          for (int i = 0; i < g.replicas().size(); i++) {
            b.addReplicas(replica(g.replicas().get(i), fields.groupLegacy(g.id(), i)));
          }
          out.accept(
              Entity.newBuilder()
                  .setPacketReplicationEngineEntry(
                      PacketReplicationEngineEntry.newBuilder().setMulticastGroupEntry(b))
                  .build());
        }
      }
      if (!found && id != 0) {
        throw absent("no multicast group " + id);
      }
    } else if (f.hasCloneSessionEntry()) {
      int id = f.getCloneSessionEntry().getSessionId();
      boolean found = false;
      for (var s : engine.sessions()) {
        if (id == 0 || id == s.id()) {
          found = true;
          var b =
              net.vdn.p4runtime.proto.v1.CloneSessionEntry.newBuilder()
                  .setSessionId(s.id())
                  .setClassOfService(s.classOfService())
                  .setPacketLengthBytes(s.truncateLength());
          for (int i = 0; i < s.replicas().size(); i++) {
            b.addReplicas(replica(s.replicas().get(i), fields.sessionLegacy(s.id(), i)));
          }
          out.accept(
              Entity.newBuilder()
                  .setPacketReplicationEngineEntry(
                      PacketReplicationEngineEntry.newBuilder().setCloneSessionEntry(b))
                  .build());
        }
      }
      if (!found && id != 0) {
        throw absent("no clone session " + id);
      }
    } else {
      throw UpdateError.invalid("empty packet replication engine filter");
    }
  }

  /** A replica in the field it was written with: {@code egress_port} or {@code port}. */
  private static Replica replica(net.vdn.softswitch.Replica r, boolean legacy) {
    var b = Replica.newBuilder().setInstance(r.instance());
    if (legacy) {
      b.setEgressPort(r.egressPort());
    } else {
      b.setPort(net.vdn.p4runtime.Value.of(r.egressPort()).toByteString());
    }
    return b.build();
  }

  /**
   * A read of one entity, its key given in full, that does not exist: NOT_FOUND, for every kind of
   * entity, as the specification has it for direct counters and meters (and BMv2 answers).
   */
  private static UpdateError absent(String what) {
    return UpdateError.notFound(what);
  }

  private void digests(DigestEntry f, Consumer<Entity> out) {
    digests.forEach(
        (id, config) -> {
          if (f.getDigestId() == 0 || f.getDigestId() == id) {
            out.accept(
                Entity.newBuilder()
                    .setDigestEntry(DigestEntry.newBuilder().setDigestId(id).setConfig(config))
                    .build());
          }
        });
  }

  static net.vdn.p4runtime.proto.v1.CounterData counterData(CounterData d) {
    return net.vdn.p4runtime.proto.v1.CounterData.newBuilder()
        .setByteCount(d.bytes())
        .setPacketCount(d.packets())
        .build();
  }

  static net.vdn.p4runtime.proto.v1.MeterConfig meterConfig(MeterConfig c) {
    return net.vdn.p4runtime.proto.v1.MeterConfig.newBuilder()
        .setCir(c.cir())
        .setCburst(c.cburst())
        .setPir(c.pir())
        .setPburst(c.pburst())
        .build();
  }
}
