package net.vdn.gnmi;

/** How a target encodes values; the same names as gNMI's {@code Encoding}. */
public enum Encoding {
  JSON,
  BYTES,
  /** Scalars in {@code TypedValue}'s own fields: what Stratum answers with. */
  PROTO,
  ASCII,
  JSON_IETF
}
