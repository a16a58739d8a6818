package net.vdn.controller.device;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import net.vdn.controller.slice.DeviceHandle;
import net.vdn.p4runtime.P4RuntimeClient;

/** One device the controller manages: its config, connection, ports and mirror. */
public final class ManagedDevice {
  /** Where the device stands. */
  public enum State {
    /** Not connected yet, or reconnecting. */
    CONNECTING,
    /** Connected as primary with the pipeline set and reconciled: slices can be programmed. */
    AVAILABLE,
    /** Connected, but another controller is primary. */
    BACKUP
  }

  private final DeviceConfig config;
  private final DeviceMirror mirror;
  private final Map<Integer, PortInfo> ports = new TreeMap<>();
  volatile State state = State.CONNECTING;
  volatile P4RuntimeClient client;
  volatile GnmiPorts gnmi;
  volatile String lastError;
  volatile Reconciler.Report lastReconcile;
  volatile Instant since = Instant.now();
  volatile boolean reconciled;

  ManagedDevice(DeviceConfig config, DeviceMirror mirror) {
    this.config = config;
    this.mirror = mirror;
  }

  public DeviceConfig config() {
    return config;
  }

  public String name() {
    return config.name();
  }

  public State state() {
    return state;
  }

  public DeviceMirror mirror() {
    return mirror;
  }

  public String lastError() {
    return lastError;
  }

  public Reconciler.Report lastReconcile() {
    return lastReconcile;
  }

  public Instant since() {
    return since;
  }

  /** The handle to program the device with, or null when it is not available. */
  public DeviceHandle handle() {
    P4RuntimeClient c = client;
    return state == State.AVAILABLE && c != null ? new DeviceHandle(name(), c, mirror) : null;
  }

  public synchronized Map<Integer, PortInfo> ports() {
    return Map.copyOf(ports);
  }

  public synchronized PortInfo port(int number) {
    return ports.get(number);
  }

  synchronized void setPorts(Map<Integer, PortInfo> next) {
    ports.clear();
    ports.putAll(next);
  }

  synchronized PortInfo updatePort(int number, java.util.function.UnaryOperator<PortInfo> change) {
    PortInfo p = ports.get(number);
    if (p == null) {
      return null;
    }
    PortInfo q = change.apply(p);
    ports.put(number, q);
    return q;
  }

  void setState(State next, String error) {
    if (next != state) {
      since = Instant.now();
    }
    state = next;
    lastError = error;
  }
}
