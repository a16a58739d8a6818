package net.vdn.softswitch;

/** One copy made by the packet replication engine: an egress port and a replica id (rid). */
public record Replica(int egressPort, int instance) {
  public Replica {
    if (egressPort < 0 || instance < 0) {
      throw new IllegalArgumentException("replica port and instance must not be negative");
    }
  }
}
