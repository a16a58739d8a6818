package net.vdn.controller.device;

/** What the inventory tells the rest of the controller: devices, ports and packets. */
public interface DeviceListener {
  /**
   * A device appeared ({@code before} null), changed state, or was removed ({@code after} null).
   */
  default void deviceChanged(Device before, Device after) {}

  /** A port changed (administrative or operational state, speed). */
  default void portChanged(String device, Port before, Port after) {}

  /** A device sent a frame to the controller. */
  default void packetIn(InboundPacket packet) {}
}
