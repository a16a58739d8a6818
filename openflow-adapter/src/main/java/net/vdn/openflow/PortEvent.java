package net.vdn.openflow;

/** A port the switch added, removed or changed (OFPT_PORT_STATUS). */
public record PortEvent(Kind kind, Port port) {
  public enum Kind {
    ADDED,
    REMOVED,
    MODIFIED
  }
}
