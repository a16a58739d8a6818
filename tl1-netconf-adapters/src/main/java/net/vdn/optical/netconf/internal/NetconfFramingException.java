package net.vdn.optical.netconf.internal;

import net.vdn.optical.netconf.NetconfException;

/** The peer's bytes cannot be split into messages; the session is closed because of it. */
public final class NetconfFramingException extends NetconfException {
  private static final long serialVersionUID = 1L;

  public NetconfFramingException(String message) {
    super(message);
  }
}
