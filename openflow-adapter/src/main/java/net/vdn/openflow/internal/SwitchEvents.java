package net.vdn.openflow.internal;

import java.util.List;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/**
 * Where a connection delivers what its switch sends unasked once the handshake is done, and the end
 * of the connection. Called on the connection's I/O thread, in order.
 */
public interface SwitchEvents {
  void packetIn(OFPacketIn in);

  void portStatus(OFPortStatus status);

  /** The connection ended; called once. */
  void closed();

  /** Makes the handle of a switch that completed its handshake and says where its events go. */
  @FunctionalInterface
  interface Factory {
    SwitchEvents connected(SwitchConnection connection, long dpid, List<OFPortDesc> ports);
  }
}
