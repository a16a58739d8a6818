package net.vdn.optical.netconf;

/** A NETCONF operation failed; the subclasses say how. */
public class NetconfException extends Exception {
  private static final long serialVersionUID = 1L;

  public NetconfException(String message) {
    super(message);
  }

  public NetconfException(String message, Throwable cause) {
    super(message, cause);
  }
}
