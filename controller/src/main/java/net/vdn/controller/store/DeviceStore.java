package net.vdn.controller.store;

import java.util.List;
import net.vdn.controller.device.DeviceConfig;

/** The devices the controller was told about, kept durably. */
public interface DeviceStore {
  void putDevice(DeviceConfig device);

  void removeDevice(String name);

  List<DeviceConfig> devices();
}
