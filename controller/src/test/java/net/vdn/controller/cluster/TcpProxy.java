package net.vdn.controller.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay to one address that a test can cut (every connection closed, new ones
 * refused) and heal: a controller reaching etcd through it can be cut off from etcd alone.
 */
final class TcpProxy implements AutoCloseable {
  private final int target;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  TcpProxy(int target) throws IOException {
    this.target = target;
    this.server = listen(0);
    this.port = server.getLocalPort();
    accept(server);
  }

  int port() {
    return port;
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return s;
  }

  private void accept(ServerSocket s) {
    Thread.ofVirtual()
        .start(
            () -> {
              while (!s.isClosed()) {
                try {
                  Socket in = s.accept();
                  if (!keep(s, in)) {
                    continue;
                  }
                  Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                  if (!keep(s, out)) {
                    close(in);
                    continue;
                  }
                  pump(in, out);
                  pump(out, in);
                } catch (IOException e) {
                  // closed, or the target refused: the client sees its connection end
                }
              }
            });
  }

  private void pump(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              byte[] buf = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed
              } finally {
                close(from);
                close(to);
              }
            });
  }

  private void close(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /**
   * Keeps a connection's socket to be closed by {@link #cut}, unless the proxy was cut meanwhile
   * (between the accept and now): then the socket is closed at once, so nothing gets through.
   */
  private synchronized boolean keep(ServerSocket s, Socket socket) {
    if (s.isClosed()) {
      close(socket);
      return false;
    }
    open.add(socket);
    return true;
  }

  /** Closes every connection and refuses new ones. */
  synchronized void cut() throws IOException {
    server.close();
    for (Socket s : Set.copyOf(open)) {
      close(s);
    }
  }

  /** Accepts connections again, on the same port. */
  synchronized void heal() throws IOException {
    server = listen(port);
    accept(server);
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
