package net.vdn.gnmi.openconfig;

import net.vdn.gnmi.GnmiPath;

/** The OpenConfig paths of one interface that Stratum supports. */
public final class InterfacePaths {
  private static final GnmiPath INTERFACES = GnmiPath.ROOT.child("interfaces");

  private InterfacePaths() {}

  /** {@code /interfaces/interface[name=NAME]}; {@code *} matches every interface. */
  public static GnmiPath of(String name) {
    return INTERFACES.child("interface", "name", name);
  }

  public static GnmiPath enabled(String name) {
    return of(name).child("config").child("enabled");
  }

  public static GnmiPath healthIndicator(String name) {
    return of(name).child("config").child("health-indicator");
  }

  public static GnmiPath portSpeed(String name) {
    return of(name).child("ethernet").child("config").child("port-speed");
  }

  public static GnmiPath macAddress(String name) {
    return of(name).child("ethernet").child("config").child("mac-address");
  }

  public static GnmiPath macAddressState(String name) {
    return of(name).child("ethernet").child("state").child("mac-address");
  }

  public static GnmiPath operStatus(String name) {
    return of(name).child("state").child("oper-status");
  }

  public static GnmiPath adminStatus(String name) {
    return of(name).child("state").child("admin-status");
  }

  public static GnmiPath negotiatedPortSpeed(String name) {
    return of(name).child("ethernet").child("state").child("negotiated-port-speed");
  }

  /** The counters container; a Get or subscription returns every counter leaf below it. */
  public static GnmiPath counters(String name) {
    return of(name).child("state").child("counters");
  }
}
