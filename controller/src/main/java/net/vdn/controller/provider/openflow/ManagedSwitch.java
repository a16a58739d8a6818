package net.vdn.controller.provider.openflow;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceKind;
import net.vdn.controller.device.DeviceState;
import net.vdn.controller.device.Port;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.controller.device.spi.Mastership;
import net.vdn.openflow.OpenFlowSwitch;
import net.vdn.openflow.slice.OpenFlowDevice;

/** A switch the controller knows: its slice state, and its connection when it has one. */
final class ManagedSwitch {
  volatile OpenFlowDevice device;
  final Map<Integer, Port> ports = new ConcurrentHashMap<>();
  volatile boolean available;
  volatile boolean backup;
  volatile Mastership.Role role;
  volatile ReconcileReport lastReconcile;
  volatile Instant since = Instant.now();

  ManagedSwitch(OpenFlowDevice device) {
    this.device = device;
  }

  String name() {
    return device.name();
  }

  Device snapshot() {
    OpenFlowSwitch sw = device.connection();
    boolean connected = sw != null && sw.isConnected();
    return new Device(
        name(),
        DeviceKind.OPENFLOW,
        sw == null ? null : sw.peer(),
        available ? DeviceState.AVAILABLE : backup ? DeviceState.BACKUP : DeviceState.CONNECTING,
        since,
        available
            ? null
            : backup
                ? "slave: mastered by another controller"
                : connected ? "connected, not reconciled yet" : "not connected",
        device.entryCount(),
        lastReconcile,
        0,
        null);
  }
}
