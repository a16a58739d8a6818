package net.vdn.controller.federation;

/**
 * Where one domain's part of an inter-domain slice is: held (admitted, capacity and VLAN kept,
 * nothing programmed) until committed (programmed) or aborted; released once the slice is gone.
 */
public enum SegmentState {
  HELD,
  COMMITTED,
  ABORTED,
  RELEASED
}
