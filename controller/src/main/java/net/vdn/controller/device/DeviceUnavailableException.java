package net.vdn.controller.device;

/** A device cannot be programmed now: it is not connected, or not as primary. */
public class DeviceUnavailableException extends RuntimeException {
  public DeviceUnavailableException(String message) {
    super(message);
  }
}
