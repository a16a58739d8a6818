package net.vdn.optical.netconf;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import net.vdn.optical.netconf.internal.FrameReader;
import net.vdn.optical.netconf.internal.Hellos;
import net.vdn.optical.netconf.internal.Replies;
import net.vdn.optical.netconf.internal.RpcCorrelator;
import net.vdn.optical.netconf.internal.Xml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * One NETCONF session: the hello exchange, framing chosen from the common base capabilities, rpcs
 * correlated by message-id (several may be in flight), per-rpc timeouts, and notifications.
 * Thread-safe. The operations of RFC 6241 are in {@link NetconfOperations}, which this class
 * implements.
 */
public final class NetconfSession implements NetconfOperations, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NetconfSession.class);

  private final NetconfTransport transport;
  private final Duration rpcTimeout;
  private final Set<String> clientCapabilities;
  private final FrameReader reader;
  private final RpcCorrelator rpcs;
  private final ExecutorService dispatcher;
  private final ExecutorService events;
  private final CompletableFuture<Void> hello = new CompletableFuture<>();
  private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Throwable>> closeListeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong malformed = new AtomicLong();
  private final Object writeLock = new Object();
  private volatile boolean helloDone;
  private volatile boolean chunked;
  private volatile Capabilities serverCapabilities = new Capabilities(Set.of());
  private volatile long sessionId;
  private volatile Throwable closeCause;

  private NetconfSession(NetconfTransport transport, NetconfClientOptions options) {
    this.transport = transport;
    this.rpcTimeout = options.rpcTimeout();
    Set<String> caps = new LinkedHashSet<>();
    caps.add(Capabilities.BASE_1_0);
    if (options.base11()) {
      caps.add(Capabilities.BASE_1_1);
    }
    this.clientCapabilities = caps;
    this.reader = new FrameReader(options.maxMessageBytes());
    this.rpcs = new RpcCorrelator(transport.describe());
    String name = "netconf " + transport.describe();
    this.dispatcher =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(name).factory());
    this.events =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name(name + " events").factory());
  }

  /**
   * Opens a session over a transport: sends the client's hello, waits for the server's, and settles
   * the framing. On failure the transport is closed.
   */
  public static NetconfSession open(NetconfTransport transport, NetconfClientOptions options)
      throws NetconfException {
    NetconfSession s = new NetconfSession(transport, options);
    try {
      transport.start(s.receiver());
      s.write(FrameReader.frame(Hellos.client(s.clientCapabilities), false));
      s.hello.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return s;
    } catch (IOException e) {
      s.shutdown(e);
      throw new NetconfSessionClosedException(transport.describe() + ": " + e.getMessage(), e);
    } catch (TimeoutException e) {
      s.shutdown(e);
      throw new NetconfTimeoutException(
          transport.describe()
              + ": no hello within "
              + options.connectTimeout().toMillis()
              + " ms");
    } catch (ExecutionException e) {
      s.shutdown(e.getCause());
      throw e.getCause() instanceof NetconfException ne
          ? ne
          : new NetconfSessionClosedException(
              transport.describe() + ": hello failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.shutdown(e);
      throw new NetconfSessionClosedException(transport.describe() + ": interrupted", e);
    }
  }

  // ---------------------------------------------------------------- receiving

  private NetconfTransport.Receiver receiver() {
    return new NetconfTransport.Receiver() {
      @Override
      public void received(byte[] data, int off, int len) {
        synchronized (reader) {
          try {
            deliver(reader.feed(data, off, len));
          } catch (NetconfException e) {
            log.warn("{}: {}; closing the session", transport.describe(), e.getMessage());
            shutdown(new NetconfProtocolException(e.getMessage(), true, e));
          }
        }
      }

      @Override
      public void closed(Throwable cause) {
        shutdown(cause == null ? new IOException("the server closed the session") : cause);
      }
    };
  }

  // Called with the reader's lock held, on the transport's thread.
  private void deliver(List<String> messages) throws NetconfException {
    for (String m : messages) {
      if (!helloDone) {
        readHello(m);
        deliver(reader.drain());
      } else {
        dispatcher.execute(() -> handle(m));
      }
    }
  }

  private void readHello(String text) throws NetconfException {
    try {
      Hellos.Server server = Hellos.server(text);
      serverCapabilities = server.capabilities();
      sessionId = server.sessionId();
      chunked =
          serverCapabilities.has(Capabilities.BASE_1_1)
              && clientCapabilities.contains(Capabilities.BASE_1_1);
      if (chunked) {
        reader.useChunked();
      } else {
        reader.useEndOfMessage();
      }
      helloDone = true;
      log.debug(
          "{}: session {} open, {} framing",
          transport.describe(),
          sessionId,
          chunked ? "chunked" : "end-of-message");
      hello.complete(null);
    } catch (NetconfException e) {
      hello.completeExceptionally(e);
      throw e;
    }
  }

  private void handle(String text) {
    Element root;
    try {
      root = Xml.parse(text).getDocumentElement();
    } catch (SAXException e) {
      malformed.incrementAndGet();
      rpcs.malformed(text, "malformed XML from the server: " + e.getMessage());
      return;
    }
    if (Xml.is(root, Xml.NETCONF_NS, "rpc-reply")) {
      rpcs.reply(root);
    } else if (Xml.is(root, Xml.NOTIFICATION_NS, "notification")) {
      try {
        Notification n = Replies.notification(root);
        events.execute(() -> notifyListeners(n));
      } catch (NetconfProtocolException e) {
        malformed.incrementAndGet();
        log.warn("{}: {}", transport.describe(), e.getMessage());
      }
    } else {
      malformed.incrementAndGet();
      rpcs.unexpected(root);
    }
  }

  private void notifyListeners(Notification n) {
    for (Consumer<Notification> l : listeners) {
      try {
        l.accept(n);
      } catch (RuntimeException e) {
        log.warn("{}: notification listener failed", transport.describe(), e);
      }
    }
  }

  // ---------------------------------------------------------------- sending

  private void write(byte[] framed) throws IOException {
    synchronized (writeLock) {
      transport.send(framed);
    }
  }

  /**
   * Sends an operation (the element inside {@code <rpc>}, copied) and returns its rpc-reply. The
   * future fails with {@link RpcException} on rpc-errors, {@link NetconfTimeoutException} after
   * {@code timeout}, {@link NetconfProtocolException} on a malformed reply and {@link
   * NetconfSessionClosedException} when the session ends first.
   */
  public CompletableFuture<Element> rpcAsync(Element operation, Duration timeout) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(closedException());
    }
    RpcCorrelator.Rpc rpc = rpcs.register(operation.getLocalName(), timeout);
    Document doc = Xml.newDocument();
    Element envelope = Xml.add(doc, Xml.NETCONF_NS, "rpc");
    envelope.setAttribute("message-id", rpc.messageId());
    envelope.appendChild(doc.importNode(operation, true));
    try {
      write(FrameReader.frame(Xml.toString(doc), chunked));
    } catch (IOException e) {
      rpcs.fail(
          rpc.messageId(),
          new NetconfSessionClosedException(
              transport.describe() + ": cannot send: " + e.getMessage(), e));
      shutdown(e);
    }
    if (closed.get()) {
      rpcs.fail(rpc.messageId(), closedException());
    }
    return rpc.future();
  }

  /** {@link #rpcAsync(Element, Duration)} with the session's default timeout. */
  public CompletableFuture<Element> rpcAsync(Element operation) {
    return rpcAsync(operation, rpcTimeout);
  }

  /** Sends an operation and waits for its rpc-reply. */
  @Override
  public Element rpc(Element operation) throws NetconfException {
    return await(rpcAsync(operation));
  }

  /** Waits for a reply future and throws its typed failure as it is. */
  public static Element await(CompletableFuture<Element> future) throws NetconfException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NetconfException ne) {
        throw ne;
      }
      throw new NetconfException("rpc failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetconfException("interrupted while waiting for a reply", e);
    }
  }

  // ---------------------------------------------------------------- the session

  /** Calls the listener (on a thread of the session's own) for every notification received. */
  public void addNotificationListener(Consumer<Notification> listener) {
    listeners.add(listener);
  }

  /** Calls the listener once when the session ends, with why. */
  public void addCloseListener(Consumer<Throwable> listener) {
    closeListeners.add(listener);
    if (closed.get()) {
      listener.accept(closeCause);
    }
  }

  /** The server's capabilities. */
  public Capabilities serverCapabilities() {
    return serverCapabilities;
  }

  /** The session-id the server gave. */
  public long sessionId() {
    return sessionId;
  }

  /** Whether messages are chunked (base:1.1 on both sides). */
  public boolean chunkedFraming() {
    return chunked;
  }

  public boolean isOpen() {
    return !closed.get();
  }

  /** Messages from the server that were malformed or unexpected and dropped or blamed on an rpc. */
  public long malformedMessages() {
    return malformed.get();
  }

  /** RPCs sent and not yet answered. */
  public int inFlight() {
    return rpcs.inFlight();
  }

  public String describe() {
    return transport.describe();
  }

  @Override
  public void closeSession() throws NetconfException {
    NetconfOperations.super.closeSession();
    shutdown(new IOException("session closed by the client"));
  }

  /** Ends the session politely (close-session, 2 s at most), then closes the transport. */
  @Override
  public void close() {
    if (closed.get()) {
      return;
    }
    try {
      Document doc = Xml.newDocument();
      await(rpcAsync(Xml.add(doc, Xml.NETCONF_NS, "close-session"), Duration.ofSeconds(2)));
    } catch (NetconfException e) {
      log.debug("{}: close-session: {}", transport.describe(), e.getMessage());
    }
    shutdown(new IOException("session closed by the client"));
  }

  private NetconfSessionClosedException closedException() {
    Throwable cause = closeCause;
    return new NetconfSessionClosedException(
        transport.describe()
            + ": session closed"
            + (cause == null ? "" : ": " + cause.getMessage()),
        cause);
  }

  private void shutdown(Throwable cause) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeCause = cause;
    hello.completeExceptionally(
        cause instanceof NetconfException ne
            ? ne
            : new NetconfSessionClosedException(
                transport.describe() + ": closed before the hello", cause));
    transport.close();
    Runnable failAll =
        () -> {
          rpcs.failAll(this::closedException);
          for (Consumer<Throwable> l : closeListeners) {
            try {
              l.accept(cause);
            } catch (RuntimeException e) {
              log.warn("{}: close listener failed", transport.describe(), e);
            }
          }
        };
    try {
      dispatcher.execute(failAll);
    } catch (RejectedExecutionException e) {
      failAll.run();
    }
    dispatcher.shutdown();
    events.shutdown();
  }

  @Override
  public String toString() {
    return "NetconfSession[" + transport.describe() + " id " + sessionId + "]";
  }
}
