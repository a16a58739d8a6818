package net.vdn.optical.netconf;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
  private static final ScheduledExecutorService TIMER = timer();

  private final NetconfTransport transport;
  private final Duration rpcTimeout;
  private final Set<String> clientCapabilities;
  private final FrameReader reader;
  private final ExecutorService dispatcher;
  private final ExecutorService events;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
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

  private record Pending(String operation, CompletableFuture<Element> future, long sentNanos) {}

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
    String name = "netconf " + transport.describe();
    this.dispatcher =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(name).factory());
    this.events =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name(name + " events").factory());
  }

  private static ScheduledExecutorService timer() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("netconf rpc timeouts").factory());
    t.setRemoveOnCancelPolicy(true);
    return t;
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
      s.write(FrameReader.frame(s.clientHello(), false));
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

  private String clientHello() {
    Document doc = Xml.newDocument();
    Element hello = Xml.add(doc, Xml.NETCONF_NS, "hello");
    Element caps = Xml.add(hello, Xml.NETCONF_NS, "capabilities");
    for (String c : clientCapabilities) {
      Xml.add(caps, Xml.NETCONF_NS, "capability", c);
    }
    return Xml.toString(doc);
  }

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
      Element root = Xml.parse(text).getDocumentElement();
      if (!Xml.is(root, Xml.NETCONF_NS, "hello")) {
        throw new NetconfProtocolException(
            "expected a hello, got <" + root.getLocalName() + ">", true, null);
      }
      Set<String> caps = new LinkedHashSet<>();
      Xml.child(root, Xml.NETCONF_NS, "capabilities")
          .ifPresent(
              c -> {
                for (Element e : Xml.children(c, Xml.NETCONF_NS, "capability")) {
                  caps.add(e.getTextContent().trim());
                }
              });
      serverCapabilities = new Capabilities(caps);
      String id = Xml.childText(root, Xml.NETCONF_NS, "session-id");
      try {
        sessionId = Long.parseLong(id);
      } catch (NumberFormatException e) {
        throw new NetconfProtocolException(
            "hello without a valid session-id: '" + id + "'", true, e);
      }
      boolean base10 = serverCapabilities.has(Capabilities.BASE_1_0);
      boolean base11 = serverCapabilities.has(Capabilities.BASE_1_1);
      if (!base10 && !base11) {
        throw new NetconfProtocolException("the server offers no NETCONF base version", true, null);
      }
      chunked = base11 && clientCapabilities.contains(Capabilities.BASE_1_1);
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
    } catch (SAXException e) {
      NetconfProtocolException p =
          new NetconfProtocolException("malformed hello: " + e.getMessage(), true, e);
      hello.completeExceptionally(p);
      throw p;
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
      String problem = "malformed XML from the server: " + e.getMessage();
      Replies.messageIdOfMalformed(text)
          .map(pending::remove)
          .ifPresentOrElse(
              p -> p.future.completeExceptionally(new NetconfProtocolException(problem)),
              () -> log.warn("{}: {} (no rpc to blame; dropped)", transport.describe(), problem));
      return;
    }
    if (Xml.is(root, Xml.NETCONF_NS, "rpc-reply")) {
      String id = root.getAttribute("message-id");
      Pending p = pending.remove(id);
      if (p == null) {
        log.warn("{}: rpc-reply to unknown or timed-out message-id '{}'", transport.describe(), id);
        return;
      }
      List<RpcError> errors = Replies.errors(root);
      if (errors.stream().anyMatch(RpcError::isError)) {
        p.future.completeExceptionally(new RpcException(p.operation, errors));
      } else {
        for (RpcError w : errors) {
          log.info("{}: {} warning: {}", transport.describe(), p.operation, w);
        }
        p.future.complete(root);
      }
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
      String problem = "unexpected <" + root.getLocalName() + "> in " + root.getNamespaceURI();
      Pending p = pending.remove(root.getAttribute("message-id"));
      if (p != null) {
        p.future.completeExceptionally(new NetconfProtocolException(problem));
      } else {
        log.warn("{}: {} (dropped)", transport.describe(), problem);
      }
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
    CompletableFuture<Element> future = new CompletableFuture<>();
    if (closed.get()) {
      future.completeExceptionally(closedException());
      return future;
    }
    String id = Long.toString(nextId.getAndIncrement());
    Document doc = Xml.newDocument();
    Element rpc = Xml.add(doc, Xml.NETCONF_NS, "rpc");
    rpc.setAttribute("message-id", id);
    rpc.appendChild(doc.importNode(operation, true));
    Pending p = new Pending(operation.getLocalName(), future, System.nanoTime());
    pending.put(id, p);
    ScheduledFuture<?> timer =
        TIMER.schedule(
            () -> {
              if (pending.remove(id, p)) {
                future.completeExceptionally(
                    new NetconfTimeoutException(
                        transport.describe()
                            + ": no reply to "
                            + p.operation
                            + " (message-id "
                            + id
                            + ") within "
                            + timeout.toMillis()
                            + " ms"));
              }
            },
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    future.whenComplete((r, e) -> timer.cancel(false));
    try {
      write(FrameReader.frame(Xml.toString(doc), chunked));
    } catch (IOException e) {
      pending.remove(id);
      future.completeExceptionally(
          new NetconfSessionClosedException(
              transport.describe() + ": cannot send: " + e.getMessage(), e));
      shutdown(e);
    }
    if (closed.get() && pending.remove(id) != null) {
      future.completeExceptionally(closedException());
    }
    return future;
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
    return pending.size();
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
          for (String id : new ArrayList<>(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
              p.future.completeExceptionally(closedException());
            }
          }
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
    } catch (java.util.concurrent.RejectedExecutionException e) {
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
