package net.vdn.controller.device;

import java.time.Instant;

/**
 * A device as the inventory shows it, whatever it speaks.
 *
 * @param address where the controller reaches it (or where it connected from)
 * @param since when it entered its current state
 * @param lastError why it is not available, or null
 * @param mirrorEntries how many entries the controller keeps for it (what it should hold)
 * @param lastReconcile what the last reconciliation changed, or null before the first
 * @param stateLosses how many times it was found without the state it should hold (a restart):
 *     counters on it started again from zero each time
 * @param config how it was declared, or null for devices that connect by themselves
 */
public record Device(
    String name,
    DeviceKind kind,
    String address,
    DeviceState state,
    Instant since,
    String lastError,
    int mirrorEntries,
    ReconcileReport lastReconcile,
    long stateLosses,
    DeviceConfig config) {
  public boolean available() {
    return state == DeviceState.AVAILABLE;
  }
}
