package net.vdn.controller.slice;

/**
 * Something that happened to a slice.
 *
 * @param detail why (re-routed, degraded) or how long programming took, in words
 * @param programmingNanos how long programming its devices took (0 when nothing was programmed)
 */
public record SliceEvent(Type type, String slice, String detail, long programmingNanos) {
  public enum Type {
    CREATED,
    MODIFIED,
    REROUTED,
    DEGRADED,
    DELETED
  }
}
