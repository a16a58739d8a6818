package net.vdn.p4runtime.entity;

import java.util.List;

/** A multicast group of the packet replication engine. */
public record MulticastGroup(int groupId, List<Replica> replicas) implements Entity {
  public MulticastGroup {
    replicas = List.copyOf(replicas);
  }
}
