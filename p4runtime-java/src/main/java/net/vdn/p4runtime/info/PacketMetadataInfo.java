package net.vdn.p4runtime.info;

import net.vdn.p4runtime.proto.config.v1.ControllerPacketMetadata;

/** A controller packet header ("packet_in" or "packet_out") with its fields by name. */
public record PacketMetadataInfo(
    ControllerPacketMetadata proto, NameTable<ControllerPacketMetadata.Metadata> fields) {
  public String name() {
    return proto.getPreamble().getName();
  }

  /** Fields marked {@code @padding} may be left out of a packet-out. */
  public static boolean isPadding(ControllerPacketMetadata.Metadata field) {
    return field.getAnnotationsList().stream().anyMatch(a -> a.startsWith("@padding"))
        || field.getStructuredAnnotationsList().stream()
            .anyMatch(a -> a.getName().equals("padding"));
  }
}
