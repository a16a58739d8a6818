package net.vdn.controller.device;

/** A port of a device. */
public record ConnectPoint(String device, int port) {
  public ConnectPoint {
    if (device == null || device.isBlank()) {
      throw new IllegalArgumentException("a connect point needs a device");
    }
    if (port < 0) {
      throw new IllegalArgumentException("port must not be negative, got " + port);
    }
  }

  @Override
  public String toString() {
    return device + ":" + port;
  }
}
