package net.vdn.optical.netconf.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.vdn.optical.netconf.NetconfProtocolException;
import net.vdn.optical.netconf.NetconfTimeoutException;
import net.vdn.optical.netconf.RpcError;
import net.vdn.optical.netconf.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The rpcs of one session in flight, by message-id: each gets a fresh id and its own timeout, and
 * completes with its rpc-reply, fails with {@link RpcException} when the reply carries rpc-errors
 * (warnings are logged), with {@link NetconfTimeoutException} when none comes in time, or with
 * {@link NetconfProtocolException} when the reply that names it is malformed or not an rpc-reply. A
 * reply to no rpc in flight is logged and dropped. Thread-safe.
 */
public final class RpcCorrelator {
  private static final Logger log = LoggerFactory.getLogger(RpcCorrelator.class);
  private static final ScheduledExecutorService TIMER = timer();

  private final String peer;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);

  /** An rpc registered under its message-id; the future holds its rpc-reply element. */
  public record Rpc(String messageId, CompletableFuture<Element> future) {}

  private record Pending(String operation, CompletableFuture<Element> future) {}

  public RpcCorrelator(String peer) {
    this.peer = peer;
  }

  private static ScheduledExecutorService timer() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("netconf rpc timeouts").factory());
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /** Registers an rpc of this operation under a fresh message-id, failing after the timeout. */
  public Rpc register(String operation, Duration timeout) {
    String id = Long.toString(nextId.getAndIncrement());
    Pending p = new Pending(operation, new CompletableFuture<>());
    pending.put(id, p);
    ScheduledFuture<?> timer =
        TIMER.schedule(
            () -> {
              if (pending.remove(id, p)) {
                p.future.completeExceptionally(
                    new NetconfTimeoutException(
                        peer
                            + ": no reply to "
                            + operation
                            + " (message-id "
                            + id
                            + ") within "
                            + timeout.toMillis()
                            + " ms"));
              }
            },
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    p.future.whenComplete((r, e) -> timer.cancel(false));
    return new Rpc(id, p.future);
  }

  /** Fails an rpc that is still in flight; false when it was answered or failed already. */
  public boolean fail(String messageId, Throwable cause) {
    Pending p = pending.remove(messageId);
    if (p == null) {
      return false;
    }
    p.future.completeExceptionally(cause);
    return true;
  }

  /** Completes the rpc an rpc-reply answers. */
  public void reply(Element rpcReply) {
    String id = rpcReply.getAttribute("message-id");
    Pending p = pending.remove(id);
    if (p == null) {
      log.warn("{}: rpc-reply to unknown or timed-out message-id '{}'", peer, id);
      return;
    }
    List<RpcError> errors = Replies.errors(rpcReply);
    if (errors.stream().anyMatch(RpcError::isError)) {
      p.future.completeExceptionally(new RpcException(p.operation, errors));
    } else {
      for (RpcError w : errors) {
        log.info("{}: {} warning: {}", peer, p.operation, w);
      }
      p.future.complete(rpcReply);
    }
  }

  /**
   * A message that is not well-formed XML: the rpc whose message-id its start tag names fails at
   * once, rather than time out; with no id to go by, it is logged and dropped.
   */
  public void malformed(String text, String problem) {
    Replies.messageIdOfMalformed(text)
        .map(pending::remove)
        .ifPresentOrElse(
            p -> p.future.completeExceptionally(new NetconfProtocolException(problem)),
            () -> log.warn("{}: {} (no rpc to blame; dropped)", peer, problem));
  }

  /** A message that is neither an rpc-reply nor a notification: fails the rpc it names, if any. */
  public void unexpected(Element root) {
    String problem = "unexpected <" + root.getLocalName() + "> in " + root.getNamespaceURI();
    Pending p = pending.remove(root.getAttribute("message-id"));
    if (p != null) {
      p.future.completeExceptionally(new NetconfProtocolException(problem));
    } else {
      log.warn("{}: {} (dropped)", peer, problem);
    }
  }

  /** Fails every rpc in flight (the session ended). */
  public void failAll(Supplier<? extends Throwable> cause) {
    for (String id : new ArrayList<>(pending.keySet())) {
      Pending p = pending.remove(id);
      if (p != null) {
        p.future.completeExceptionally(cause.get());
      }
    }
  }

  public int inFlight() {
    return pending.size();
  }
}
