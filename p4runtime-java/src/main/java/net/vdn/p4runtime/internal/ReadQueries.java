package net.vdn.p4runtime.internal;

import net.vdn.p4runtime.ReadQuery;
import net.vdn.p4runtime.proto.v1.ActionProfileGroup;
import net.vdn.p4runtime.proto.v1.ActionProfileMember;
import net.vdn.p4runtime.proto.v1.CloneSessionEntry;
import net.vdn.p4runtime.proto.v1.CounterData;
import net.vdn.p4runtime.proto.v1.Entity;
import net.vdn.p4runtime.proto.v1.MeterConfig;
import net.vdn.p4runtime.proto.v1.MulticastGroupEntry;
import net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry;
import net.vdn.p4runtime.proto.v1.TableEntry;

/** Read queries as the entities of a ReadRequest: a key, or a wildcard left unset. */
final class ReadQueries {
  private ReadQueries() {}

  static Entity encode(ReadQuery query, EntityCodec codec) {
    return switch (query) {
      case ReadQuery.Key k -> codec.encode(k.key(), EntityCodec.Purpose.KEY);
      case ReadQuery.AllTables a ->
          Entity.newBuilder().setTableEntry(TableEntry.getDefaultInstance()).build();
      case ReadQuery.Table t -> {
        var e = TableEntry.newBuilder().setTableId(codec.index().table(t.table()).id());
        if (t.withCounters()) {
          e.setCounterData(CounterData.getDefaultInstance());
        }
        if (t.withMeters()) {
          e.setMeterConfig(MeterConfig.getDefaultInstance());
        }
        yield Entity.newBuilder().setTableEntry(e).build();
      }
      case ReadQuery.Members m ->
          Entity.newBuilder()
              .setActionProfileMember(
                  ActionProfileMember.newBuilder()
                      .setActionProfileId(profileId(codec, m.profile())))
              .build();
      case ReadQuery.Groups g ->
          Entity.newBuilder()
              .setActionProfileGroup(
                  ActionProfileGroup.newBuilder().setActionProfileId(profileId(codec, g.profile())))
              .build();
      case ReadQuery.MulticastGroups m ->
          Entity.newBuilder()
              .setPacketReplicationEngineEntry(
                  PacketReplicationEngineEntry.newBuilder()
                      .setMulticastGroupEntry(MulticastGroupEntry.getDefaultInstance()))
              .build();
      case ReadQuery.CloneSessions c ->
          Entity.newBuilder()
              .setPacketReplicationEngineEntry(
                  PacketReplicationEngineEntry.newBuilder()
                      .setCloneSessionEntry(CloneSessionEntry.getDefaultInstance()))
              .build();
    };
  }

  private static int profileId(EntityCodec codec, String profile) {
    return codec.index().actionProfile(profile).getPreamble().getId();
  }
}
