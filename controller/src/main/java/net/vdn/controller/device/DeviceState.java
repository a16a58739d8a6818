package net.vdn.controller.device;

/** Where a device stands with this controller. */
public enum DeviceState {
  /** Not connected yet, or reconnecting. */
  CONNECTING,
  /** Connected in control, with its pipeline set and reconciled: slices can be programmed. */
  AVAILABLE,
  /** Connected, but another controller is in control of it. */
  BACKUP
}
