package net.vdn.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for a program that must be given one on its command line. */
public final class FreePorts {
  private FreePorts() {}

  /**
   * A loopback TCP port that was free a moment ago. Another process may take it before the program
   * binds it: pass 0 instead wherever the program can report the port it bound.
   */
  public static int tcp() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
