package net.vdn.controller.slice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.controller.device.DeviceUnavailableException;
import net.vdn.controller.device.Reconciler;
import net.vdn.pipeconf.rule.SliceRule;

/** Where the slice service finds the devices it programs. */
public interface DeviceDirectory {
  /** The device to write to; {@link DeviceUnavailableException} when it cannot be programmed. */
  SliceDevice handle(String device);

  /** Whether the device is declared (connected or not). */
  boolean knows(String device);

  /** Records rules as already on the device, connected or not (after a controller restart). */
  void expect(String device, List<SliceRule> rules);

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
      public boolean knows(String device) {
        return devices.containsKey(device);
      }

      @Override
      public void expect(String device, List<SliceRule> rules) {
        DeviceHandle h = devices.get(device);
        if (h == null) {
          throw new IllegalStateException("device " + device + " is not declared");
        }
        h.expect(rules);
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
