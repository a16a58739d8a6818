package net.vdn.controller.topology;

/** Links appearing and going away. Called on the topology's own thread, one event at a time. */
public interface TopologyListener {
  /** A link direction appeared (new, or back after it went away). */
  default void linkAdded(Link link) {}

  /**
   * A link went away, both directions at once (its port went down, or its probes stopped coming
   * back); {@code link} is one of them.
   */
  default void linkRemoved(Link link, String why) {}
}
