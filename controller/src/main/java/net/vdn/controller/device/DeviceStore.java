package net.vdn.controller.device;

import java.util.List;

/** The devices the controller was told about (config file, REST), kept durably. */
public interface DeviceStore {
  /** Adds or replaces a device; durable when it returns. */
  void putDevice(DeviceConfig device);

  /** Forgets a device (nothing when it is not there); durable when it returns. */
  void removeDevice(String name);

  List<DeviceConfig> devices();
}
