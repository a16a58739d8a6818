package net.vdn.controller.optical;

import java.util.List;

/** The optical devices and routes the controller was told about, kept durably. */
public interface OpticalStore {
  void putOpticalDevice(OpticalDeviceConfig device);

  void removeOpticalDevice(String name);

  List<OpticalDeviceConfig> opticalDevices();

  void putOpticalRoutes(List<OpticalRoute> routes);

  List<OpticalRoute> opticalRoutes();
}
