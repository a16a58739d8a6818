package net.vdn.softswitch;

/** A packet the switch sends out of {@code port}; on the CPU port it is a packet-in. */
public record OutputPacket(int port, byte[] bytes) {}
