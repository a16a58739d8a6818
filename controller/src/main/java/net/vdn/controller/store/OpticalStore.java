package net.vdn.controller.store;

import java.util.List;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.controller.optical.OpticalRoute;

/** The optical devices and routes the controller was told about, kept durably. */
public interface OpticalStore {
  void putOpticalDevice(OpticalDeviceConfig device);

  void removeOpticalDevice(String name);

  List<OpticalDeviceConfig> opticalDevices();

  void putOpticalRoutes(List<OpticalRoute> routes);

  List<OpticalRoute> opticalRoutes();
}
