package net.vdn.openflow;

/**
 * Told when a switch completes its handshake and when its connection ends. Called on the server's
 * event thread, one call at a time and in order; a listener may block briefly (for example to
 * reconcile the switch) but holds up the events of every switch while it does.
 */
public interface SwitchListener {
  void connected(OpenFlowSwitch sw);

  /**
   * The connection of this handle ended. When a switch connects again before its old connection was
   * found dead, the new handle's {@link #connected} comes first and the old one's disconnected
   * after it: compare {@code server.get(sw.dpid())} with {@code sw} before taking a switch for
   * gone.
   */
  default void disconnected(OpenFlowSwitch sw) {}
}
