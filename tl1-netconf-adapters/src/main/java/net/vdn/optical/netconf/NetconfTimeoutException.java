package net.vdn.optical.netconf;

/** No reply came in time. The session stays open; a late reply is dropped. */
public final class NetconfTimeoutException extends NetconfException {
  private static final long serialVersionUID = 1L;

  public NetconfTimeoutException(String message) {
    super(message);
  }
}
