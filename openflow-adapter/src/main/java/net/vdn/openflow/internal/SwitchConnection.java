package net.vdn.openflow.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.vdn.openflow.OpenFlowError;
import net.vdn.openflow.OpenFlowErrorException;
import net.vdn.openflow.OpenFlowException;
import net.vdn.openflow.OpenFlowServer;
import net.vdn.openflow.WriteResult;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFErrorMsgs;
import org.projectfloodlight.openflow.types.U32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One switch's connection: the handshake (HELLO with a version bitmap, FEATURES_REQUEST for the
 * datapath id, SET_CONFIG, PORT_DESC), echo keep-alive, and dispatch of what the switch sends to
 * the requests waiting for it or, once the handshake is done, to the switch's {@link SwitchEvents}.
 */
public final class SwitchConnection extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SwitchConnection.class);

  /** The only version this side speaks. */
  public static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);

  private static final int NO_BUFFER_MISS_LEN = 0xffff;

  private final OpenFlowServer.Options options;
  private final SwitchEvents.Factory handshakes;
  private Channel channel;
  private String peer = "switch";
  private Requests requests;
  private boolean helloSeen;
  private int missedEchoes;
  private volatile SwitchEvents events;

  private SwitchConnection(OpenFlowServer.Options options, SwitchEvents.Factory handshakes) {
    this.options = options;
    this.handshakes = handshakes;
  }

  /**
   * Sets up a channel a switch opened: TLS when the options have it, the idle timer of the echo
   * keep-alive, OpenFlow framing both ways, and a connection that calls {@code handshakes} when the
   * switch completes its handshake.
   */
  public static void install(
      SocketChannel ch, OpenFlowServer.Options options, SwitchEvents.Factory handshakes) {
    if (options.ssl() != null) {
      ch.pipeline().addLast("tls", options.ssl().newHandler(ch.alloc()));
    }
    ch.pipeline()
        .addLast(
            "idle",
            new IdleStateHandler(options.echoInterval().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
        .addLast("frames", new FrameDecoder())
        .addLast("encoder", new MessageEncoder())
        .addLast("switch", new SwitchConnection(options, handshakes));
  }

  // ---------------------------------------------------------------- sending

  /** Where the switch connected from (address:port). */
  public String peer() {
    return peer;
  }

  public boolean isOpen() {
    return channel != null && channel.isActive();
  }

  /** Sends a request that has a reply; the future holds it (a list of parts if multipart). */
  public synchronized CompletableFuture<Object> request(OFMessage m, String what) {
    long xid = requests.nextXid();
    CompletableFuture<Object> f = requests.expectReply(xid, what);
    send(m.createBuilder().setXid(xid).build(), f);
    return f;
  }

  /**
   * Sends messages that have no reply, then a barrier; the future holds each one's outcome.
   * Registering and enqueueing happen under one lock so that a barrier confirms only messages
   * queued before it.
   */
  public synchronized CompletableFuture<WriteResult> writeConfirmed(
      List<? extends OFMessage> messages) {
    if (!isOpen()) {
      return CompletableFuture.failedFuture(new OpenFlowException(peer + ": not connected"));
    }
    List<CompletableFuture<OpenFlowError>> outcomes = new ArrayList<>();
    for (OFMessage m : messages) {
      long xid = requests.nextXid();
      CompletableFuture<Object> f = requests.expectSilence(xid, describe(m));
      outcomes.add(
          f.handle(
              (ok, e) -> {
                Throwable cause = unwrap(e);
                if (cause == null) {
                  return null;
                }
                if (cause instanceof OpenFlowErrorException refused) {
                  return refused.error();
                }
                throw cause instanceof RuntimeException r
                    ? r
                    : new OpenFlowException(cause.toString(), cause);
              }));
      channel.write(m.createBuilder().setXid(xid).build());
    }
    return barrier()
        .thenCompose(
            b ->
                CompletableFuture.allOf(outcomes.toArray(CompletableFuture<?>[]::new))
                    .thenApply(
                        v -> new WriteResult(outcomes.stream().map(o -> o.join()).toList())));
  }

  public CompletableFuture<Object> barrier() {
    return request(OF13.barrierRequest(), "BARRIER_REQUEST");
  }

  /** Sends a message nobody waits for (a packet-out); an error for it is logged. */
  public void sendOneWay(OFMessage m) {
    channel.writeAndFlush(m.createBuilder().setXid(requests.nextXid()).build());
  }

  private void send(OFMessage m, CompletableFuture<?> f) {
    if (!isOpen()) {
      f.completeExceptionally(new OpenFlowException(peer + ": not connected"));
      return;
    }
    channel
        .writeAndFlush(m)
        .addListener(
            w -> {
              if (!w.isSuccess()) {
                f.completeExceptionally(
                    new OpenFlowException(peer + ": cannot send " + describe(m), w.cause()));
              }
            });
  }

  public void close() {
    if (channel != null) {
      channel.close();
    }
  }

  static String describe(OFMessage m) {
    return m.getType().name();
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException || e instanceof ExecutionException) {
      if (e.getCause() == null) {
        break;
      }
      e = e.getCause();
    }
    return e;
  }

  // ---------------------------------------------------------------- receiving

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    if (channel.remoteAddress() instanceof InetSocketAddress a) {
      peer = a.getAddress().getHostAddress() + ":" + a.getPort();
    }
    requests = new Requests(peer, options.requestTimeout());
    channel.writeAndFlush(
        OF13.buildHello()
            .setXid(requests.nextXid())
            .setElements(List.of(OF13.helloElemVersionbitmap(List.of(U32.of(1L << Hello.OF_13)))))
            .build());
    ctx.executor()
        .schedule(
            () -> {
              if (events == null && channel.isActive()) {
                log.warn(
                    "{}: no handshake within {} ms, closing",
                    peer,
                    options.handshakeTimeout().toMillis());
                channel.close();
              }
            },
            options.handshakeTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    log.debug("{}: connected, HELLO sent", peer);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    missedEchoes = 0;
    if (msg instanceof Hello hello) {
      onHello(hello);
      return;
    }
    if (!helloSeen) {
      log.warn("{}: sent {} before HELLO, closing", peer, msg);
      channel.close();
      return;
    }
    if (msg instanceof OpenFlowError e) {
      if (!requests.error(e)) {
        log.warn("{}: error for no request in flight: {}", peer, e);
      }
      return;
    }
    OFMessage m = (OFMessage) msg;
    if (m.getVersion() != OFVersion.OF_13) {
      log.warn(
          "{}: sent an OpenFlow {} message after agreeing on 1.3, closing", peer, m.getVersion());
      channel.close();
      return;
    }
    switch (m) {
      case OFEchoRequest echo ->
          channel.writeAndFlush(
              OF13.buildEchoReply().setXid(echo.getXid()).setData(echo.getData()).build());
      case OFEchoReply echo -> {}
      case OFBarrierReply barrier -> {
        requests.barrierReached(barrier.getXid());
        requests.reply(barrier);
      }
      case OFPacketIn in -> {
        SwitchEvents s = events;
        if (s != null) {
          s.packetIn(in);
        }
      }
      case OFPortStatus status -> {
        SwitchEvents s = events;
        if (s != null) {
          s.portStatus(status);
        }
      }
      default -> {
        if (!requests.reply(m)) {
          log.debug("{}: unsolicited {} (xid {})", peer, m.getType(), m.getXid());
        }
      }
    }
  }

  private void onHello(Hello hello) {
    if (helloSeen) {
      log.warn("{}: second HELLO ignored", peer);
      return;
    }
    helloSeen = true;
    if (hello.negotiate() != Hello.OF_13) {
      log.warn(
          "{}: no common OpenFlow version (switch offers {}, this side speaks 1.3), closing",
          peer,
          hello.offered());
      OFErrorMsgs errors = OF13.errorMsgs();
      channel
          .writeAndFlush(
              errors
                  .buildHelloFailedErrorMsg()
                  .setXid(hello.xid())
                  .setCode(OFHelloFailedCode.INCOMPATIBLE)
                  .build())
          .addListener(f -> channel.close());
      return;
    }
    request(OF13.featuresRequest(), "FEATURES_REQUEST")
        .thenCompose(
            features -> {
              long dpid = ((OFFeaturesReply) features).getDatapathId().getLong();
              channel.write(
                  OF13.buildSetConfig()
                      .setXid(requests.nextXid())
                      .setMissSendLen(NO_BUFFER_MISS_LEN)
                      .build());
              return request(OF13.buildPortDescStatsRequest().build(), "PORT_DESC request")
                  .thenApply(parts -> new Features(dpid, portDescs(parts)));
            })
        .whenComplete(
            (f, e) -> {
              if (e != null) {
                Throwable c = unwrap(e);
                log.warn(
                    "{}: handshake failed, closing: {}{}",
                    peer,
                    c.getMessage(),
                    c.getCause() == null ? "" : " (" + c.getCause() + ")");
                channel.close();
                return;
              }
              events = handshakes.connected(this, f.dpid(), f.ports());
            });
  }

  private record Features(long dpid, List<OFPortDesc> ports) {}

  private static List<OFPortDesc> portDescs(Object parts) {
    return ((List<?>) parts)
        .stream()
            .flatMap(p -> ((OFPortDescStatsReply) (OFStatsReply) p).getEntries().stream())
            .toList();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      missedEchoes++;
      if (missedEchoes > options.echoMisses()) {
        log.warn(
            "{}: nothing heard for {} ms (echo unanswered), closing",
            peer,
            options.echoInterval().toMillis() * missedEchoes);
        channel.close();
        return;
      }
      channel.writeAndFlush(OF13.buildEchoRequest().setXid(requests.nextXid()).build());
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c = cause instanceof BadFrameException ? cause : unwrap(cause);
    if (c instanceof BadFrameException || c.getCause() instanceof BadFrameException) {
      log.warn("{}: bad OpenFlow input, closing: {}", peer, c.getMessage());
    } else if (c instanceof IOException) {
      log.info("{}: connection lost: {}", peer, c.getMessage());
    } else {
      log.warn("{}: closing after an unexpected error", peer, c);
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (requests != null) {
      requests.failAll("connection closed");
    }
    SwitchEvents s = events;
    if (s != null) {
      s.closed();
    } else {
      log.debug("{}: closed before the handshake completed", peer);
    }
  }
}
