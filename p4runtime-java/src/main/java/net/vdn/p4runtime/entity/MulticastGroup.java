package net.vdn.p4runtime.entity;

import java.util.List;

/**
 * A multicast group of the packet replication engine. Its replicas are a set: they are kept sorted
 * by port and instance, so groups compare equal whatever order a target reports.
 */
public record MulticastGroup(int groupId, List<Replica> replicas) implements Entity {
  public MulticastGroup {
    replicas = replicas.stream().sorted(Replica.ORDER).toList();
  }
}
