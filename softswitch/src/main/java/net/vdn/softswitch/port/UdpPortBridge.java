package net.vdn.softswitch.port;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one switch port's frames as UDP datagrams, one frame each, to and from a peer on
 * loopback. With a raw-socket relay such as {@code socat INTERFACE:veth0 UDP-DATAGRAM:...} as the
 * peer, the port exchanges frames with a Linux interface (a veth into a network namespace, a TAP, a
 * port of Open vSwitch).
 */
public final class UdpPortBridge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpPortBridge.class);
  private static final int MAX_FRAME = 9216;

  private final int port;
  private final DatagramSocket socket;
  private final InetSocketAddress peer;
  private final Thread receiver;

  /**
   * @param deliver called with (port, frame) for every frame the peer sends
   */
  public UdpPortBridge(
      int port,
      InetSocketAddress local,
      InetSocketAddress peer,
      BiConsumer<Integer, byte[]> deliver)
      throws SocketException {
    this.port = port;
    this.peer = peer;
    this.socket = new DatagramSocket(local);
    this.receiver =
        Thread.ofPlatform()
            .daemon()
            .name("port-" + port + "-udp")
            .start(
                () -> {
                  byte[] buf = new byte[MAX_FRAME];
                  while (!socket.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                      socket.receive(p);
                      deliver.accept(port, Arrays.copyOf(p.getData(), p.getLength()));
                    } catch (IOException e) {
                      if (!socket.isClosed()) {
                        log.warn("port {}: receive failed: {}", port, e.toString());
                      }
                    }
                  }
                });
  }

  public int port() {
    return port;
  }

  /** Sends a frame that left the switch on this port to the peer. */
  public void send(byte[] frame) {
    try {
      socket.send(new DatagramPacket(frame, frame.length, peer));
    } catch (IOException e) {
      log.debug("port {}: send failed: {}", port, e.toString());
    }
  }

  @Override
  public void close() {
    socket.close();
    receiver.interrupt();
  }
}
