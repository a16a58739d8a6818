package net.vdn.openflow;

/** A switch refused a request with an OpenFlow error; {@link #error()} says which one. */
public final class OpenFlowErrorException extends OpenFlowException {
  private final OpenFlowError error;

  public OpenFlowErrorException(String message, OpenFlowError error) {
    super(message + ": " + error);
    this.error = error;
  }

  public OpenFlowError error() {
    return error;
  }
}
