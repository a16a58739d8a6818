package net.vdn.openflow;

/** A request to a switch that failed: no reply in time, a lost connection, or a refusal. */
public class OpenFlowException extends RuntimeException {
  public OpenFlowException(String message) {
    super(message);
  }

  public OpenFlowException(String message, Throwable cause) {
    super(message, cause);
  }
}
