package net.vdn.openflow;

import io.netty.handler.codec.DecoderException;

/** Bytes from a switch that are not an OpenFlow message this side can take; the channel closes. */
public final class BadFrameException extends DecoderException {
  public BadFrameException(String message) {
    super(message);
  }

  public BadFrameException(String message, Throwable cause) {
    super(message, cause);
  }
}
