package net.vdn.controller.error;

/** A device cannot be programmed now: it is not connected, or not as primary. */
public class DeviceUnavailableException extends RuntimeException {
  public DeviceUnavailableException(String message) {
    super(message);
  }
}
