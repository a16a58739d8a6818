package net.vdn.p4runtime.entity;

/** One copy made by the packet replication engine: its egress port and instance number. */
public record Replica(int port, int instance) {}
