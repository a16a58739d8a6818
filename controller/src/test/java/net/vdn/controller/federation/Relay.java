package net.vdn.controller.federation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The network between two controllers, as a TCP relay on loopback that can fail: it forwards bytes
 * both ways (TLS passes through untouched) until a fault fires. A fault watches the answers coming
 * back: the first answer seen while its condition holds is dropped (the connection cut), its action
 * runs, and from then on the relay either passes again or drops everything (a black hole).
 */
final class Relay implements AutoCloseable {
  /** What to do to the answers, once. */
  record Fault(BooleanSupplier when, Runnable then, boolean blackHoleAfter) {}

  private final ServerSocket server;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile int target;
  private volatile Fault fault;
  private volatile boolean blackHole;
  private volatile int faultsFired;

  Relay() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("relay-accept").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Where the relay forwards to (a controller's peering port). */
  void target(int port) {
    target = port;
  }

  void arm(Fault f) {
    fault = f;
  }

  /** Passes everything again (no fault armed, no black hole). */
  void heal() {
    fault = null;
    blackHole = false;
  }

  int faultsFired() {
    return faultsFired;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        if (blackHole) {
          // Taken in and never answered: the caller times out.
          continue;
        }
        Socket upstream;
        try {
          upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        } catch (IOException e) {
          client.close();
          continue;
        }
        open.add(upstream);
        Thread.ofPlatform().daemon().start(() -> pump(client, upstream, false));
        Thread.ofPlatform().daemon().start(() -> pump(upstream, client, true));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean answers) {
    byte[] buf = new byte[16384];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        if (blackHole) {
          break;
        }
        Fault f = fault;
        if (answers && f != null && f.when().getAsBoolean()) {
          fault = null;
          blackHole = f.blackHoleAfter();
          from.close();
          to.close();
          f.then().run();
          faultsFired++;
          return;
        }
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // One side went away: the other follows.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    open.forEach(Relay::closeQuietly);
  }
}
