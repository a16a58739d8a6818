package net.vdn.p4runtime.entity;

import java.util.List;

/** A clone session; {@code packetLengthBytes} 0 keeps whole packets. Replicas are kept sorted. */
public record CloneSession(
    int sessionId, List<Replica> replicas, int classOfService, int packetLengthBytes)
    implements Entity {
  public CloneSession {
    replicas = replicas.stream().sorted(Replica.ORDER).toList();
  }
}
