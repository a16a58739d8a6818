package net.vdn.softswitch;

import java.util.List;

/** A multicast group: the replicas a packet with this {@code mcast_grp} is copied to. */
public record MulticastGroup(int id, List<Replica> replicas) {
  public MulticastGroup {
    replicas = List.copyOf(replicas);
  }
}
