package net.vdn.softswitch.program;

/**
 * The v1model intrinsic metadata fields the target reads and writes, resolved once. A field the
 * program's {@code standard_metadata} does not declare is null.
 */
public record StandardMetadata(
    HeaderInfo header,
    FieldInfo ingressPort,
    FieldInfo egressSpec,
    FieldInfo egressPort,
    FieldInfo instanceType,
    FieldInfo packetLength,
    FieldInfo mcastGrp,
    FieldInfo egressRid,
    FieldInfo checksumError,
    FieldInfo parserError,
    FieldInfo ingressTimestamp,
    FieldInfo egressTimestamp,
    FieldInfo priority) {

  /** The egress port value that means "drop" in v1model. */
  public static final int DROP_PORT = 511;

  public static final int NORMAL = 0;
  public static final int INGRESS_CLONE = 1;
  public static final int EGRESS_CLONE = 2;
  public static final int RECIRCULATED = 4;
  public static final int REPLICATION = 5;
  public static final int RESUBMITTED = 6;

  /**
   * Resolves the fields. As on BMv2, the multicast group, replica id, timestamps and priority are
   * found through the program's {@code field_aliases} ({@code intrinsic_metadata.*}, which p4c
   * always emits); without an alias the {@code standard_metadata} field of the same name is used.
   */
  public static StandardMetadata of(Layout layout, Json root) {
    HeaderInfo h = layout.findHeader("standard_metadata");
    if (h == null) {
      throw new UnsupportedFeatureException(
          "not a v1model program: no 'standard_metadata' header instance");
    }
    java.util.Map<String, FieldInfo> aliases = new java.util.HashMap<>();
    for (com.fasterxml.jackson.databind.JsonNode a : root.array("field_aliases")) {
      if (!a.isArray() || a.size() != 2 || !a.get(0).isTextual()) {
        throw root.error("malformed 'field_aliases' element " + a);
      }
      aliases.put(a.get(0).asText(), layout.field(a.get(1), root));
    }
    StandardMetadata m =
        new StandardMetadata(
            h,
            h.field("ingress_port"),
            h.field("egress_spec"),
            h.field("egress_port"),
            h.field("instance_type"),
            h.field("packet_length"),
            aliases.getOrDefault("intrinsic_metadata.mcast_grp", h.field("mcast_grp")),
            aliases.getOrDefault("intrinsic_metadata.egress_rid", h.field("egress_rid")),
            h.field("checksum_error"),
            h.field("parser_error"),
            aliases.getOrDefault(
                "intrinsic_metadata.ingress_global_timestamp", h.field("ingress_global_timestamp")),
            aliases.getOrDefault(
                "intrinsic_metadata.egress_global_timestamp", h.field("egress_global_timestamp")),
            aliases.getOrDefault("intrinsic_metadata.priority", h.field("priority")));
    if (m.ingressPort == null || m.egressSpec == null || m.egressPort == null) {
      throw new UnsupportedFeatureException(
          "not a v1model program: 'standard_metadata' lacks ingress_port, egress_spec or"
              + " egress_port");
    }
    return m;
  }

  /** Reads a field, 0 when absent. */
  public static long get(long[] f, FieldInfo field) {
    return field == null ? 0 : f[field.slot()];
  }

  /** Writes a field (masked to its width) unless absent. */
  public static void set(long[] f, FieldInfo field, long value) {
    if (field != null) {
      f[field.slot()] = value & net.vdn.softswitch.runtime.Bits.mask(field.width());
    }
  }
}
