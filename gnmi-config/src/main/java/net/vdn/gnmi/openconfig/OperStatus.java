package net.vdn.gnmi.openconfig;

/** {@code oper-status} of an OpenConfig interface (from IETF interfaces). */
public enum OperStatus {
  UP,
  DOWN,
  TESTING,
  UNKNOWN,
  DORMANT,
  NOT_PRESENT,
  LOWER_LAYER_DOWN;

  /** Reads the value with or without a module prefix. */
  public static OperStatus parse(String text) {
    return OpenConfigEnums.parse(OperStatus.class, text, null, "oper-status");
  }
}
