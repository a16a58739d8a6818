package net.vdn.controller.device;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.vdn.pipeconf.rule.SliceRule;

/**
 * The device inventory: every device of every kind, its ports and port events, and packets in and
 * out, whatever protocol carries them. Refusals are {@code ConfigException} (bad input), {@code
 * NotFoundException}, {@code DuplicateException} and {@code DeviceUnavailableException}.
 */
public interface DeviceService {
  /** Every device, by name. */
  List<Device> devices();

  Optional<Device> device(String name);

  /** A device's ports by number; {@code NotFoundException} for an unknown device. */
  Map<Integer, Port> ports(String device);

  /** A port, or empty when the device or the port is unknown. */
  Optional<Port> port(ConnectPoint port);

  /** Declares a device: stored durably, then connected in the background. */
  Device add(DeviceConfig config);

  /** Forgets a device durably and disconnects from it; what it holds stays on it. */
  void remove(String name);

  /** Turns a port up or down on the device itself; returns the port as it is now. */
  Port setPortEnabled(String device, int port, boolean enabled);

  /** Sends a frame out of a port; false when its device cannot send now. */
  boolean packetOut(ConnectPoint port, byte[] frame);

  /** Reads a device back and brings it to exactly what it should hold. */
  ReconcileReport reconcile(String device);

  void addListener(DeviceListener listener);

  // ------------------------------------------------ what the slice service programs through

  /** The device to program; {@code DeviceUnavailableException} when it cannot be programmed now. */
  SliceDevice programmable(String device);

  /** Whether a device of this name is known (connected or not). */
  boolean knows(String device);

  /** Records rules as already on a device, connected or not (restoring after a restart). */
  void expect(String device, List<SliceRule> rules);

  /**
   * Brings every connected device to exactly what it should hold, and from now on every device that
   * (re)connects before it becomes available. Call once the stored slices are expected.
   */
  Map<String, ReconcileReport> reconcileAll();
}
