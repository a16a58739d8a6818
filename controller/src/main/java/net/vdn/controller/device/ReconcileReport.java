package net.vdn.controller.device;

/** What bringing a device to exactly what it should hold changed on it. */
public record ReconcileReport(int deleted, int inserted, int modified) {
  public int changes() {
    return deleted + inserted + modified;
  }
}
