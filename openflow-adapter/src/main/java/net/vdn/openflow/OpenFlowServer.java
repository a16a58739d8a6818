package net.vdn.openflow;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.vdn.openflow.internal.SwitchConnection;
import net.vdn.openflow.internal.SwitchEvents;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenFlow 1.3 listener switches connect to (TCP, or TLS when given an {@link SslContext}). It
 * performs each switch's handshake, keeps a handle per connected datapath id, and tells a {@link
 * SwitchListener} when switches come and go. A switch that connects again with a datapath id
 * already connected replaces the older connection, which is closed.
 */
public final class OpenFlowServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpenFlowServer.class);

  /**
   * Listener settings. {@code echoInterval}: after this long without a message from a switch, an
   * ECHO_REQUEST is sent; after {@code echoMisses} such intervals more the connection is closed.
   */
  public record Options(
      String bindHost,
      int port,
      SslContext ssl,
      Duration echoInterval,
      int echoMisses,
      Duration requestTimeout,
      Duration handshakeTimeout) {
    public static final int DEFAULT_PORT = 6653;

    public static Options defaults() {
      return new Options(
          "0.0.0.0",
          DEFAULT_PORT,
          null,
          Duration.ofSeconds(5),
          3,
          Duration.ofSeconds(10),
          Duration.ofSeconds(10));
    }

    public Options withBind(String host, int port) {
      return new Options(
          host, port, ssl, echoInterval, echoMisses, requestTimeout, handshakeTimeout);
    }

    public Options withSsl(SslContext ssl) {
      return new Options(
          bindHost, port, ssl, echoInterval, echoMisses, requestTimeout, handshakeTimeout);
    }

    /**
     * TLS from PEM files: the listener's certificate chain and private key (PKCS#8), and, when
     * {@code clientCa} is given, mutual TLS: a switch must present a certificate that CA signed.
     *
     * @throws IllegalArgumentException when a file cannot be read or does not hold what it should
     */
    public Options withTls(
        java.nio.file.Path certificate, java.nio.file.Path key, java.nio.file.Path clientCa) {
      try {
        io.netty.handler.ssl.SslContextBuilder b =
            io.netty.handler.ssl.SslContextBuilder.forServer(certificate.toFile(), key.toFile());
        if (clientCa != null) {
          b.trustManager(clientCa.toFile()).clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE);
        }
        return withSsl(b.build());
      } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "OpenFlow TLS: cannot use certificate "
                + certificate
                + ", key "
                + key
                + (clientCa == null ? "" : ", client CA " + clientCa)
                + ": "
                + e.getMessage(),
            e);
      }
    }

    public Options withEcho(Duration interval, int misses) {
      return new Options(bindHost, port, ssl, interval, misses, requestTimeout, handshakeTimeout);
    }

    public Options withRequestTimeout(Duration timeout) {
      return new Options(bindHost, port, ssl, echoInterval, echoMisses, timeout, handshakeTimeout);
    }
  }

  private final Options options;
  private final SwitchListener listener;
  private final EventLoopGroup loop;
  private final ExecutorService events;
  private final Channel serverChannel;
  private final Map<Long, OpenFlowSwitch> switches = new ConcurrentHashMap<>();

  private OpenFlowServer(Options options, SwitchListener listener) throws InterruptedException {
    this.options = options;
    this.listener = listener;
    this.loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    this.events =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "openflow-events");
              t.setDaemon(true);
              return t;
            });
    try {
      this.serverChannel =
          new ServerBootstrap()
              .group(loop)
              .channel(NioServerSocketChannel.class)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      SwitchConnection.install(ch, options, OpenFlowServer.this::handshakeDone);
                    }
                  })
              .bind(new InetSocketAddress(options.bindHost(), options.port()))
              .sync()
              .channel();
    } catch (RuntimeException | InterruptedException e) {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      events.shutdownNow();
      throw e;
    }
  }

  /** Starts listening; fails when the address cannot be bound. */
  public static OpenFlowServer start(Options options, SwitchListener listener) {
    try {
      OpenFlowServer s = new OpenFlowServer(options, listener);
      log.info(
          "OpenFlow 1.3 listener on {}:{}{}",
          options.bindHost(),
          s.port(),
          options.ssl() == null ? "" : " (TLS)");
      return s;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenFlowException("interrupted while binding the OpenFlow listener", e);
    } catch (RuntimeException e) {
      throw new OpenFlowException(
          "cannot listen on " + options.bindHost() + ":" + options.port() + ": " + e.getMessage(),
          e);
    }
  }

  /** The port bound (useful when the options asked for port 0). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  public Options options() {
    return options;
  }

  public List<OpenFlowSwitch> switches() {
    return new ArrayList<>(switches.values());
  }

  public Optional<OpenFlowSwitch> get(long dpid) {
    return Optional.ofNullable(switches.get(dpid));
  }

  /** Waits for a switch to complete its handshake; fails with a message after the timeout. */
  public OpenFlowSwitch awaitSwitch(long dpid, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (switches) {
      while (true) {
        OpenFlowSwitch s = switches.get(dpid);
        if (s != null && s.isConnected()) {
          return s;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new OpenFlowException(
              String.format(
                  "switch of:%016x did not connect within %d ms", dpid, timeout.toMillis()));
        }
        try {
          switches.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OpenFlowException("interrupted while waiting for a switch", e);
        }
      }
    }
  }

  /** Runs a callback on the event thread; after close, callbacks are dropped. */
  private void dispatch(Runnable r) {
    try {
      events.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("listener closed, event dropped");
    }
  }

  /** A switch completed its handshake: its handle, and where its connection's events go. */
  private SwitchEvents handshakeDone(SwitchConnection c, long dpid, List<OFPortDesc> ports) {
    OpenFlowSwitch sw = new OpenFlowSwitch(c, dpid, ports);
    log.info("{}: switch {} connected with {} ports", sw.peer(), sw.id(), sw.ports().size());
    connected(sw);
    return new SwitchEvents() {
      @Override
      public void packetIn(OFPacketIn in) {
        sw.packetIn(in);
      }

      @Override
      public void portStatus(OFPortStatus status) {
        sw.portStatus(status);
      }

      @Override
      public void closed() {
        log.info("{}: switch {} disconnected", sw.peer(), sw.id());
        disconnected(sw);
      }
    };
  }

  private void connected(OpenFlowSwitch sw) {
    sw.events(this::dispatch);
    OpenFlowSwitch old;
    synchronized (switches) {
      old = switches.put(sw.dpid(), sw);
      switches.notifyAll();
    }
    if (old != null && old != sw) {
      log.info("switch {}: new connection from {} replaces {}", sw.id(), sw.peer(), old.peer());
      old.disconnect();
    }
    dispatch(() -> safely(() -> listener.connected(sw), sw));
  }

  private void disconnected(OpenFlowSwitch sw) {
    synchronized (switches) {
      switches.remove(sw.dpid(), sw);
      switches.notifyAll();
    }
    sw.disconnected();
    dispatch(() -> safely(() -> listener.disconnected(sw), sw));
  }

  private static void safely(Runnable r, OpenFlowSwitch sw) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("{}: switch listener failed", sw, e);
    }
  }

  /** Closes the listener and every switch connection. */
  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    switches.values().forEach(OpenFlowSwitch::disconnect);
    loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    events.shutdown();
    try {
      events.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("OpenFlow listener on port {} closed", port());
  }
}
