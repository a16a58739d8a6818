package net.vdn.optical.tl1.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.vdn.optical.tl1.Tl1ClientOptions;
import net.vdn.optical.tl1.Tl1Command;
import net.vdn.optical.tl1.Tl1Event;
import net.vdn.optical.tl1.Tl1Exception;
import net.vdn.optical.tl1.Tl1Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP connection to one network element, kept logged in: connects and logs in with ACT-USER,
 * checks an idle session with RTRV-HDR (a keep-alive left unanswered drops the connection), and
 * after the connection breaks reconnects with backoff and logs in again. Commands go through a
 * {@link CtagCorrelator}; what the NE sends unasked, and the connection's breaks and returns, reach
 * the events consumer on the I/O thread (it must not block or throw). Thread-safe.
 */
public final class Tl1Connection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Tl1Connection.class);

  private final Tl1ClientOptions options;
  private final Consumer<Tl1Event> events;
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final CtagCorrelator commands;
  private volatile Channel channel;
  private volatile boolean loggedIn;
  private volatile boolean closing;
  private volatile boolean started;
  private volatile ScheduledFuture<?> keepAlive;
  private int attempt;

  public Tl1Connection(Tl1ClientOptions options, Consumer<Tl1Event> events) {
    this.options = options;
    this.events = events;
    this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    this.commands = new CtagCorrelator(options.describe(), group, events);
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.commandTimeout().toMillis())
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new Tl1Decoder(), new Handler());
                  }
                });
  }

  /**
   * Connects and logs in once; the future fails if either does (no retry). After it succeeds, the
   * connection keeps itself alive and comes back by itself after a break.
   */
  public CompletableFuture<Void> start() {
    return open()
        .thenRun(
            () -> {
              started = true;
              scheduleKeepAlive();
            });
  }

  /** Sends a command under a fresh CTAG once logged in; the future holds its complete answer. */
  public CompletableFuture<Tl1Message.Response> send(Tl1Command command) {
    return dispatch(command, true);
  }

  public boolean isLoggedIn() {
    Channel ch = channel;
    return loggedIn && ch != null && ch.isActive();
  }

  private CompletableFuture<Void> open() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ChannelFuture cf = bootstrap.connect(options.host(), options.port());
    cf.addListener(
        f -> {
          if (!f.isSuccess()) {
            if (started) {
              // No channel was made, so none will report its end: retry from here. A failed
              // login closes its channel, and that retries.
              scheduleReconnect();
            }
            done.completeExceptionally(
                new Tl1Exception(
                    Tl1Exception.Kind.CONNECTION,
                    "",
                    options.describe() + ": cannot connect: " + f.cause().getMessage(),
                    f.cause()));
            return;
          }
          channel = cf.channel();
          Tl1Command login =
              Tl1Command.of("ACT-USER", options.tid(), options.user(), "0")
                  .withParams(Map.of("", options.password()));
          dispatch(login, false)
              .whenComplete(
                  (r, e) -> {
                    if (e == null) {
                      loggedIn = true;
                      log.info("{}: logged in", options.describe());
                      done.complete(null);
                    } else {
                      cf.channel().close();
                      done.completeExceptionally(e);
                    }
                  });
        });
    return done;
  }

  private CompletableFuture<Tl1Message.Response> dispatch(Tl1Command command, boolean needLogin) {
    Channel ch = channel;
    if (closing || ch == null || !ch.isActive() || (needLogin && !loggedIn)) {
      return CompletableFuture.failedFuture(
          new Tl1Exception(
              Tl1Exception.Kind.CONNECTION, "", options.describe() + ": not connected"));
    }
    CtagCorrelator.Pending p = commands.register(command, options.commandTimeout());
    ByteBuf bytes = Unpooled.copiedBuffer(p.command.encode() + "\r\n", StandardCharsets.US_ASCII);
    ch.writeAndFlush(bytes)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                commands.sendFailed(p, f.cause());
              }
            });
    return p.future;
  }

  private void onDisconnected(Channel ch) {
    if (ch != channel) {
      return;
    }
    loggedIn = false;
    commands.connectionLost();
    if (closing || !started) {
      return;
    }
    log.warn("{}: connection lost; reconnecting", options.describe());
    events.accept(new Tl1Event.Disconnected("connection lost"));
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closing) {
      return;
    }
    long first = options.reconnectDelay().toMillis();
    long delay = Math.min(options.maxReconnectDelay().toMillis(), first << Math.min(attempt, 20));
    attempt++;
    group.schedule(
        () -> {
          if (closing) {
            return;
          }
          open()
              .whenComplete(
                  (v, e) -> {
                    if (e == null) {
                      int n = attempt;
                      attempt = 0;
                      log.info("{}: reconnected after {} attempt(s)", options.describe(), n);
                      events.accept(new Tl1Event.Reconnected(n));
                    } else {
                      log.debug("{}: reconnect failed: {}", options.describe(), e.getMessage());
                    }
                  });
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  private void scheduleKeepAlive() {
    long ms = options.keepAlive().toMillis();
    if (ms <= 0) {
      return;
    }
    keepAlive =
        group.scheduleAtFixedRate(
            () -> {
              if (!isLoggedIn()) {
                return;
              }
              Channel ch = channel;
              send(Tl1Command.of("RTRV-HDR", options.tid(), "", "0"))
                  .whenComplete(
                      (r, e) -> {
                        if (e instanceof Tl1Exception t && t.kind() == Tl1Exception.Kind.TIMEOUT) {
                          log.warn(
                              "{}: keep-alive unanswered; dropping the connection",
                              options.describe());
                          ch.close();
                        }
                      });
            },
            ms,
            ms,
            TimeUnit.MILLISECONDS);
  }

  /** Logs out (CANC-USER, 2 s at most), closes the connection and stops reconnecting. */
  @Override
  public void close() {
    if (isLoggedIn()) {
      try {
        send(Tl1Command.of("CANC-USER", options.tid(), options.user(), "0"))
            .get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.debug("{}: CANC-USER: {}", options.describe(), e.getMessage());
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
    closing = true;
    if (keepAlive != null) {
      keepAlive.cancel(false);
    }
    Channel ch = channel;
    if (ch != null) {
      ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private final class Handler extends SimpleChannelInboundHandler<Tl1Message> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Tl1Message msg) {
      commands.accept(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      onDisconnected(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.warn("{}: {}", options.describe(), cause.toString());
      ctx.close();
    }
  }
}
