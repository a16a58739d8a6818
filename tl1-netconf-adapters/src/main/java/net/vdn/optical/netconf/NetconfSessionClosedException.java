package net.vdn.optical.netconf;

/** The session is closed (by either side, or by a transport or framing failure). */
public final class NetconfSessionClosedException extends NetconfException {
  private static final long serialVersionUID = 1L;

  public NetconfSessionClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
