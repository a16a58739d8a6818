package net.vdn.openflow;

/**
 * Told when a switch completes its handshake and when its connection ends. Called on the server's
 * event thread, one call at a time and in order; a listener may block briefly (for example to
 * reconcile the switch) but holds up the events of every switch while it does.
 */
public interface SwitchListener {
  void connected(OpenFlowSwitch sw);

  default void disconnected(OpenFlowSwitch sw) {}
}
