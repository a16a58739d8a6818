package net.vdn.gnmi.openconfig;

/** {@code admin-status} of an OpenConfig interface: what the operator asked for. */
public enum AdminStatus {
  UP,
  DOWN,
  TESTING;

  /** Reads the value with or without a module prefix. */
  public static AdminStatus parse(String text) {
    return OpenConfigEnums.parse(AdminStatus.class, text, null, "admin-status");
  }
}
