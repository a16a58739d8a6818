package net.vdn.controller.slice;

/** Whether a slice carries its traffic as promised. */
public enum SliceStatus {
  /** Programmed on every device of its paths, with its rate reserved. */
  ACTIVE,
  /** No path has the capacity it needs since a failure; tried again whenever a link appears. */
  DEGRADED
}
