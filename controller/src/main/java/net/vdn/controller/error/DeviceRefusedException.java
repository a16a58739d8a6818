package net.vdn.controller.error;

/**
 * A device refused what the controller asked of it (the API answers it with 502); the change was
 * taken back wherever it had been made.
 */
public class DeviceRefusedException extends RuntimeException {
  public DeviceRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
