package net.vdn.openflow.slice;

/** What a reconciliation changed on a switch (flows, groups and meters together). */
public record ReconcileReport(int deleted, int inserted, int modified) {
  public int changes() {
    return deleted + inserted + modified;
  }
}
