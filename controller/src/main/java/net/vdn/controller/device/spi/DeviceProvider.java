package net.vdn.controller.device.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.Port;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.controller.device.SliceDevice;
import net.vdn.pipeconf.rule.SliceRule;

/**
 * A southbound protocol's devices. The inventory routes every call about a device to the provider
 * that {@link #owns} it; providers report changes and packets to the {@code DeviceListener} they
 * were built with.
 */
public interface DeviceProvider extends AutoCloseable {
  /** Whether this provider drives the named device. */
  boolean owns(String device);

  /** Whether this provider drives devices declared like this one. */
  boolean accepts(DeviceConfig config);

  /** Starts driving a declared device (connecting in the background). */
  Device open(DeviceConfig config);

  /** Stops driving a device; what it holds stays on it. */
  void remove(String device);

  List<Device> devices();

  Optional<Device> device(String name);

  Map<Integer, Port> ports(String device);

  Port setPortEnabled(String device, int port, boolean enabled);

  boolean packetOut(ConnectPoint port, byte[] frame);

  ReconcileReport reconcile(String device);

  SliceDevice programmable(String device);

  void expect(String device, List<SliceRule> rules);

  Map<String, ReconcileReport> reconcileAll();

  @Override
  void close();
}
