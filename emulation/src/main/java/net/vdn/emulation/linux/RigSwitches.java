package net.vdn.emulation.linux;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The switches of a rig, of one kind, on the rig's interfaces. */
public interface RigSwitches extends AutoCloseable {
  /** The speed every rig port is declared with (veths have none of their own). */
  long PORT_SPEED_BPS = 1_000_000_000L;

  /** What the switches are, for test names and reports. */
  String kind();

  /** The P4Runtime address of switch {@code sw}. */
  String address(int sw);

  /**
   * Stops switch {@code sw} as a power cut would, and starts it again empty on the same address and
   * interfaces; returns when its P4Runtime server accepts connections, with that moment.
   */
  long restart(int sw) throws Exception;

  @Override
  void close();

  /** Waits until something accepts TCP connections at {@code host:port}; returns that moment. */
  public static long awaitListening(String address, long timeoutNanos) throws InterruptedException {
    int colon = address.lastIndexOf(':');
    InetSocketAddress at =
        new InetSocketAddress(
            address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    long deadline = System.nanoTime() + timeoutNanos;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(at, 200);
        return System.nanoTime();
      } catch (IOException e) {
        Thread.sleep(5);
      }
    }
    throw new IllegalStateException("nothing listens at " + address);
  }
}
