package net.vdn.controller.device;

import java.util.List;

/** The devices the controller was told about (config file, REST), kept durably. */
public interface DeviceStore {
  /** Adds or replaces a device; durable when it returns. */
  void putDevice(DeviceConfig device);

  /** Forgets a device (nothing when it is not there); durable when it returns. */
  void removeDevice(String name);

  List<DeviceConfig> devices();

  /** What a store shared by several controllers tells each of them (its own writes included). */
  interface Listener {
    void put(DeviceConfig device);

    void removed(String name);
  }

  /**
   * Hears every device declared and removed in a store that several controllers share, on the
   * store's own thread. A store of one controller has nothing to tell and ignores it.
   */
  default void addListener(Listener listener) {}
}
