package net.vdn.p4runtime.internal;

import java.util.List;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.CloneSession;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.Replica;
import net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry;

/**
 * Packet replication engine entries: multicast groups and clone sessions with their replicas. A
 * target before P4Runtime 1.4 takes replica ports in the old 32-bit {@code egress_port} field;
 * either field is read.
 */
final class ReplicationCodec {
  private final boolean legacyReplicaPorts;

  ReplicationCodec(boolean legacyReplicaPorts) {
    this.legacyReplicaPorts = legacyReplicaPorts;
  }

  net.vdn.p4runtime.proto.v1.MulticastGroupEntry multicast(
      MulticastGroup g, EntityCodec.Purpose purpose) {
    if (g.groupId() <= 0) {
      throw Wire.invalid("multicast group id must be positive, got " + g.groupId());
    }
    var out =
        net.vdn.p4runtime.proto.v1.MulticastGroupEntry.newBuilder()
            .setMulticastGroupId(g.groupId());
    if (purpose == EntityCodec.Purpose.WRITE) {
      g.replicas().forEach(r -> out.addReplicas(replica(r, "multicast group " + g.groupId())));
    }
    return out.build();
  }

  net.vdn.p4runtime.proto.v1.CloneSessionEntry clone(CloneSession s, EntityCodec.Purpose purpose) {
    if (s.sessionId() <= 0) {
      throw Wire.invalid("clone session id must be positive, got " + s.sessionId());
    }
    var out = net.vdn.p4runtime.proto.v1.CloneSessionEntry.newBuilder().setSessionId(s.sessionId());
    if (purpose == EntityCodec.Purpose.WRITE) {
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

  /** A multicast group or a clone session, whichever the entry holds. */
  static Entity decode(PacketReplicationEngineEntry pre) {
    if (pre.hasMulticastGroupEntry()) {
      var g = pre.getMulticastGroupEntry();
      return new MulticastGroup(g.getMulticastGroupId(), decodeReplicas(g.getReplicasList()));
    }
    var s = pre.getCloneSessionEntry();
    return new CloneSession(
        s.getSessionId(),
        decodeReplicas(s.getReplicasList()),
        s.getClassOfService(),
        s.getPacketLengthBytes());
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
