package net.vdn.optical.netconf;

import java.io.IOException;

/**
 * The byte stream under a NETCONF session: SSH's netconf subsystem in production, a pipe in unit
 * tests.
 */
public interface NetconfTransport extends AutoCloseable {

  /** Where the transport delivers what the peer sends and how it reports that it closed. */
  interface Receiver {
    void received(byte[] data, int off, int len);

    void closed(Throwable cause);
  }

  /** Starts delivering to the receiver. Called once, before any send. */
  void start(Receiver receiver) throws IOException;

  /** Sends bytes to the peer (blocking while the transport is flow-controlled). */
  void send(byte[] data) throws IOException;

  /** A name for logs (user@host:port). */
  String describe();

  @Override
  void close();
}
