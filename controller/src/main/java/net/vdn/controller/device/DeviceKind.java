package net.vdn.controller.device;

/** What a device speaks, so what it can do. */
public enum DeviceKind {
  /** A P4 switch (Stratum, BMv2, the softswitch) over P4Runtime, with gNMI for ports. */
  P4RUNTIME,
  /** An OpenFlow 1.3 switch that connects to the controller. */
  OPENFLOW,
  /** A transponder or ROADM over NETCONF or TL1: wavelengths, no packets. */
  OPTICAL
}
