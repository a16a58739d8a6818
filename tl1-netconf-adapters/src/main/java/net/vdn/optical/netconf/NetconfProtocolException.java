package net.vdn.optical.netconf;

/**
 * The server sent something NETCONF does not allow: malformed XML, a bad frame, a reply of the
 * wrong shape. {@link #sessionClosed()} says whether the session had to be closed because of it.
 */
public final class NetconfProtocolException extends NetconfException {
  private static final long serialVersionUID = 1L;

  private final boolean sessionClosed;

  public NetconfProtocolException(String message, boolean sessionClosed, Throwable cause) {
    super(message, cause);
    this.sessionClosed = sessionClosed;
  }

  public NetconfProtocolException(String message) {
    this(message, false, null);
  }

  public boolean sessionClosed() {
    return sessionClosed;
  }
}
