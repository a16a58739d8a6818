package net.vdn.controller.provider.p4runtime;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceKind;
import net.vdn.controller.device.DeviceState;
import net.vdn.controller.device.Port;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.p4runtime.P4RuntimeClient;

/** One P4Runtime device the provider drives: its config, connection, ports and mirror. */
final class P4Device {
  private final DeviceConfig config;
  private final DeviceMirror mirror;
  private final Map<Integer, Port> ports = new TreeMap<>();
  private volatile DeviceState state = DeviceState.CONNECTING;
  volatile P4RuntimeClient client;
  volatile GnmiPorts gnmi;
  private volatile String lastError;
  volatile ReconcileReport lastReconcile;
  private volatile Instant since = Instant.now();
  volatile long stateLosses;

  /** The term of the switch's primary as this backup last heard it (-1: not heard yet). */
  volatile long primaryTerm = -1;

  /** The role the current connection was opened for (a cluster's mastership). */
  volatile net.vdn.controller.device.spi.Mastership.Role role;

  P4Device(DeviceConfig config, DeviceMirror mirror) {
    this.config = config;
    this.mirror = mirror;
  }

  DeviceConfig config() {
    return config;
  }

  String name() {
    return config.name();
  }

  DeviceState state() {
    return state;
  }

  DeviceMirror mirror() {
    return mirror;
  }

  String lastError() {
    return lastError;
  }

  /** The device as the inventory shows it now. */
  Device snapshot() {
    return new Device(
        name(),
        DeviceKind.P4RUNTIME,
        config.p4runtime(),
        state,
        since,
        lastError,
        mirror.size(),
        lastReconcile,
        stateLosses,
        config);
  }

  /** The client of the device when it can be programmed now, else null. */
  P4RuntimeClient availableClient() {
    P4RuntimeClient c = client;
    return state == DeviceState.AVAILABLE ? c : null;
  }

  synchronized Map<Integer, Port> ports() {
    return Map.copyOf(ports);
  }

  synchronized Port port(int number) {
    return ports.get(number);
  }

  synchronized void setPorts(Map<Integer, Port> next) {
    ports.clear();
    ports.putAll(next);
  }

  /** Changes a port; returns it as it is now, or null when the device has no such port. */
  synchronized Port updatePort(int number, UnaryOperator<Port> change) {
    Port p = ports.get(number);
    if (p == null) {
      return null;
    }
    Port q = change.apply(p);
    ports.put(number, q);
    return q;
  }

  void setState(DeviceState next, String error) {
    if (next != state) {
      since = Instant.now();
    }
    state = next;
    lastError = error;
  }
}
