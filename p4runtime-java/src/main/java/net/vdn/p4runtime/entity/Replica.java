package net.vdn.p4runtime.entity;

import java.util.Comparator;

/** One copy made by the packet replication engine: its egress port and instance number. */
public record Replica(int port, int instance) {
  /** By port, then instance. */
  public static final Comparator<Replica> ORDER =
      Comparator.comparingInt(Replica::port).thenComparingInt(Replica::instance);
}
