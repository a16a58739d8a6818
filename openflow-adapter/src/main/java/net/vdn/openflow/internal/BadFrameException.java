package net.vdn.openflow.internal;

import io.netty.handler.codec.DecoderException;

/** Bytes from a switch that are not an OpenFlow message this side can take; the channel closes. */
final class BadFrameException extends DecoderException {
  BadFrameException(String message) {
    super(message);
  }

  BadFrameException(String message, Throwable cause) {
    super(message, cause);
  }
}
