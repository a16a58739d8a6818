package net.vdn.optical.tl1;

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
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TL1 session to one network element over TCP: logs in with ACT-USER, correlates answers by CTAG
 * (several commands may be outstanding), joins continued blocks ({@code >}), reports autonomous
 * messages as events, checks an idle session with RTRV-HDR, and after the connection breaks
 * reconnects with backoff and logs in again. Thread-safe.
 */
public final class Tl1Client implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Tl1Client.class);

  private final Tl1ClientOptions options;
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ctags = new AtomicInteger();
  private final List<Consumer<Tl1Event>> listeners = new CopyOnWriteArrayList<>();
  private volatile Channel channel;
  private volatile boolean loggedIn;
  private volatile boolean closing;
  private volatile boolean started;
  private ScheduledFuture<?> keepAlive;
  private int attempt;

  private static final class Pending {
    final Tl1Command command;
    final CompletableFuture<Tl1Message.Response> future = new CompletableFuture<>();
    final List<String> lines = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    ScheduledFuture<?> timer;

    Pending(Tl1Command command) {
      this.command = command;
    }
  }

  private Tl1Client(Tl1ClientOptions options) {
    this.options = options;
    this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
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
                    ch.pipeline().addLast(new Decoder(), new Handler());
                  }
                });
  }

  /** Connects and logs in; throws if either fails (no automatic retry before the first login). */
  public static Tl1Client connect(Tl1ClientOptions options) throws Tl1Exception {
    Tl1Client c = new Tl1Client(options);
    try {
      c.open().get();
    } catch (ExecutionException e) {
      c.close();
      throw e.getCause() instanceof Tl1Exception t
          ? t
          : new Tl1Exception(
              Tl1Exception.Kind.CONNECTION, "", c.describe() + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.close();
      throw new Tl1Exception(Tl1Exception.Kind.CONNECTION, "", c.describe() + ": interrupted", e);
    }
    c.started = true;
    c.scheduleKeepAlive();
    return c;
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
                    describe() + ": cannot connect: " + f.cause().getMessage(),
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
                      log.info("{}: logged in", describe());
                      done.complete(null);
                    } else {
                      cf.channel().close();
                      done.completeExceptionally(e);
                    }
                  });
        });
    return done;
  }

  /** Sends a command (its CTAG replaced by a fresh one) and returns its complete answer. */
  public CompletableFuture<Tl1Message.Response> sendAsync(Tl1Command command) {
    return dispatch(command, true);
  }

  /** Sends {@code CODE:TID:AID:CTAG::params;} with this NE's TID and waits for the answer. */
  public Tl1Message.Response send(String code, String aid, Map<String, String> params)
      throws Tl1Exception {
    Tl1Command c = Tl1Command.of(code, options.tid(), aid, "0");
    if (params != null && !params.isEmpty()) {
      c = c.withParams(params);
    }
    return await(sendAsync(c));
  }

  /** Waits for an answer and throws its failure as it is. */
  public static Tl1Message.Response await(CompletableFuture<Tl1Message.Response> f)
      throws Tl1Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Tl1Exception t) {
        throw t;
      }
      throw new Tl1Exception(
          Tl1Exception.Kind.PROTOCOL, "", String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Tl1Exception(Tl1Exception.Kind.CONNECTION, "", "interrupted", e);
    }
  }

  public Tl1Message.Response rtrvHdr() throws Tl1Exception {
    return send("RTRV-HDR", "", null);
  }

  public Tl1Message.Response rtrvEqpt(String aid) throws Tl1Exception {
    return send("RTRV-EQPT", aid, null);
  }

  /** RTRV-CRS-OCH for one cross-connect ({@code FROM,TO}) or {@code ALL}. */
  public Tl1Message.Response rtrvCrs(String aid) throws Tl1Exception {
    return send("RTRV-CRS-OCH", aid, null);
  }

  /** ENT-CRS-OCH from one port to another with the given parameters. */
  public Tl1Message.Response entCrs(String from, String to, Map<String, String> params)
      throws Tl1Exception {
    return send("ENT-CRS-OCH", from + "," + to, params);
  }

  public Tl1Message.Response dltCrs(String from, String to) throws Tl1Exception {
    return send("DLT-CRS-OCH", from + "," + to, null);
  }

  public Tl1Message.Response rtrvAlmAll() throws Tl1Exception {
    return send("RTRV-ALM-ALL", "", null);
  }

  /** Calls the listener (on the client's I/O thread: do not block) for every event. */
  public void addListener(Consumer<Tl1Event> listener) {
    listeners.add(listener);
  }

  public boolean isConnected() {
    Channel ch = channel;
    return loggedIn && ch != null && ch.isActive();
  }

  public String describe() {
    return options.describe();
  }

  private String nextCtag() {
    return Integer.toString(ctags.updateAndGet(i -> i >= 999_999 ? 1 : i + 1));
  }

  private CompletableFuture<Tl1Message.Response> dispatch(Tl1Command command, boolean needLogin) {
    Tl1Command c = command.withCtag(nextCtag());
    Pending p = new Pending(c);
    Channel ch = channel;
    if (closing || ch == null || !ch.isActive() || (needLogin && !loggedIn)) {
      p.future.completeExceptionally(
          new Tl1Exception(Tl1Exception.Kind.CONNECTION, "", describe() + ": not connected"));
      return p.future;
    }
    pending.put(c.ctag(), p);
    Duration timeout = options.commandTimeout();
    p.timer =
        group.schedule(
            () -> {
              if (pending.remove(c.ctag(), p)) {
                p.future.completeExceptionally(
                    new Tl1Exception(
                        Tl1Exception.Kind.TIMEOUT,
                        "",
                        describe()
                            + ": no answer to "
                            + c.code()
                            + " (ctag "
                            + c.ctag()
                            + ") within "
                            + timeout.toMillis()
                            + " ms"));
              }
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    p.future.whenComplete((r, e) -> p.timer.cancel(false));
    ByteBuf bytes = Unpooled.copiedBuffer(c.encode() + "\r\n", StandardCharsets.US_ASCII);
    ch.writeAndFlush(bytes)
        .addListener(
            f -> {
              if (!f.isSuccess() && pending.remove(c.ctag(), p)) {
                p.future.completeExceptionally(
                    new Tl1Exception(
                        Tl1Exception.Kind.CONNECTION, "", describe() + ": cannot send", f.cause()));
              }
            });
    return p.future;
  }

  private void onMessage(Tl1Message m) {
    switch (m) {
      case Tl1Message.Response r -> {
        Pending p = pending.get(r.ctag());
        if (p == null) {
          log.warn("{}: answer to unknown or timed-out ctag {}", describe(), r.ctag());
          return;
        }
        p.lines.addAll(r.lines());
        p.comments.addAll(r.comments());
        if (r.continued() || !pending.remove(r.ctag(), p)) {
          return;
        }
        Tl1Message.Response whole =
            new Tl1Message.Response(
                r.sid(), r.ctag(), r.status(), p.lines, r.errorCode(), p.comments, false);
        switch (r.status()) {
          case DENY ->
              p.future.completeExceptionally(
                  new Tl1Exception(
                      Tl1Exception.Kind.DENIED,
                      r.errorCode(),
                      describe()
                          + ": "
                          + p.command.code()
                          + " denied: "
                          + r.errorCode()
                          + (p.comments.isEmpty() ? "" : " " + p.comments)));
          case PRTL ->
              p.future.completeExceptionally(
                  new Tl1Exception(
                      Tl1Exception.Kind.PARTIAL,
                      r.errorCode(),
                      describe() + ": " + p.command.code() + " partly done: " + whole.lines()));
          default -> p.future.complete(whole);
        }
      }
      case Tl1Message.Acknowledgment a -> {
        if (List.of("NA", "NG", "RL").contains(a.code())) {
          Pending p = pending.remove(a.ctag());
          if (p != null) {
            p.future.completeExceptionally(
                new Tl1Exception(
                    Tl1Exception.Kind.DENIED,
                    a.code(),
                    describe() + ": " + p.command.code() + " refused: " + a.code()));
          }
        }
      }
      case Tl1Message.Autonomous a -> emit(new Tl1Event.Autonomous(a));
      case Tl1Message.Malformed bad -> {
        log.warn("{}: not TL1 ({}): {}", describe(), bad.reason(), bad.text().strip());
        // With one command outstanding the garbage can only be its answer: fail it now rather
        // than let it time out. With several, none can be blamed.
        if (pending.size() == 1) {
          pending.forEach(
              (ctag, p) -> {
                if (pending.remove(ctag, p)) {
                  p.future.completeExceptionally(
                      new Tl1Exception(
                          Tl1Exception.Kind.PROTOCOL,
                          "",
                          describe()
                              + ": "
                              + p.command.code()
                              + " answered with something not TL1: "
                              + bad.reason()));
                }
              });
        }
        emit(new Tl1Event.ProtocolError(bad));
      }
    }
  }

  private void onDisconnected(Channel ch) {
    if (ch != channel) {
      return;
    }
    loggedIn = false;
    for (String ctag : List.copyOf(pending.keySet())) {
      Pending p = pending.remove(ctag);
      if (p != null) {
        p.future.completeExceptionally(
            new Tl1Exception(
                Tl1Exception.Kind.CONNECTION,
                "",
                describe() + ": connection lost with " + p.command.code() + " outstanding"));
      }
    }
    if (closing || !started) {
      return;
    }
    log.warn("{}: connection lost; reconnecting", describe());
    emit(new Tl1Event.Disconnected("connection lost"));
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
                      log.info("{}: reconnected after {} attempt(s)", describe(), n);
                      emit(new Tl1Event.Reconnected(n));
                    } else {
                      log.debug("{}: reconnect failed: {}", describe(), e.getMessage());
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
              if (!isConnected()) {
                return;
              }
              Channel ch = channel;
              sendAsync(Tl1Command.of("RTRV-HDR", options.tid(), "", "0"))
                  .whenComplete(
                      (r, e) -> {
                        if (e instanceof Tl1Exception t && t.kind() == Tl1Exception.Kind.TIMEOUT) {
                          log.warn(
                              "{}: keep-alive unanswered; dropping the connection", describe());
                          ch.close();
                        }
                      });
            },
            ms,
            ms,
            TimeUnit.MILLISECONDS);
  }

  private void emit(Tl1Event e) {
    for (Consumer<Tl1Event> l : listeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ex) {
        log.warn("{}: listener failed", describe(), ex);
      }
    }
  }

  /** Logs out (CANC-USER, 2 s at most) and closes the connection. */
  @Override
  public void close() {
    if (isConnected()) {
      try {
        Tl1Command bye = Tl1Command.of("CANC-USER", options.tid(), options.user(), "0");
        sendAsync(bye).get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.debug("{}: CANC-USER: {}", describe(), e.getMessage());
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

  private final class Decoder extends ByteToMessageDecoder {
    private final Tl1Parser parser = new Tl1Parser(1 << 20);

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      CharSequence text = in.readCharSequence(in.readableBytes(), StandardCharsets.ISO_8859_1);
      out.addAll(parser.feed(text));
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<Tl1Message> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Tl1Message msg) {
      onMessage(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      onDisconnected(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.warn("{}: {}", describe(), cause.toString());
      ctx.close();
    }
  }
}
