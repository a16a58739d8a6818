package net.vdn.p4runtime;

import java.util.Map;

/** A packet sent by the target to the controller, with its packet_in metadata by name. */
public record PacketIn(byte[] payload, Map<String, Value> metadata) {
  public PacketIn {
    metadata = Map.copyOf(metadata);
  }

  /** A metadata value by name; fails when the packet has none of that name. */
  public Value get(String name) {
    Value v = metadata.get(name);
    if (v == null) {
      throw new P4RuntimeException(
          "packet-in has no metadata '" + name + "' (has " + metadata.keySet() + ")");
    }
    return v;
  }
}
