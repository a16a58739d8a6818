package net.vdn.controller.slice;

import java.util.LinkedHashMap;
import java.util.Map;
import net.vdn.controller.device.DeviceMirror;
import net.vdn.controller.device.DeviceUnavailableException;
import net.vdn.controller.device.Reconciler;

/** Where the slice service finds the devices it programs. */
public interface DeviceDirectory {
  /** The device to write to; {@link DeviceUnavailableException} when it cannot be programmed. */
  DeviceHandle handle(String device);

  /** The device's mirror whether it is connected or not; null for an unknown device. */
  DeviceMirror mirror(String device);

  /** Brings every connected device to exactly its mirror; what each reconciliation changed. */
  Map<String, Reconciler.Report> reconcileAll();

  /** A fixed set of connected devices. */
  static DeviceDirectory of(Map<String, DeviceHandle> devices) {
    return new DeviceDirectory() {
      @Override
      public DeviceHandle handle(String device) {
        DeviceHandle h = devices.get(device);
        if (h == null) {
          throw new DeviceUnavailableException("device " + device + " is not connected");
        }
        return h;
      }

      @Override
      public DeviceMirror mirror(String device) {
        DeviceHandle h = devices.get(device);
        return h == null ? null : h.mirror();
      }

      @Override
      public Map<String, Reconciler.Report> reconcileAll() {
        Map<String, Reconciler.Report> out = new LinkedHashMap<>();
        devices.forEach(
            (name, d) -> {
              synchronized (d.mirror()) {
                out.put(name, new Reconciler().reconcile(name, d.client(), d.mirror()));
              }
            });
        return out;
      }
    };
  }
}
