package net.vdn.openflow.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import net.vdn.openflow.OpenFlowError;
import net.vdn.openflow.OpenFlowErrorException;
import net.vdn.openflow.OpenFlowException;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;

/**
 * Requests in flight on one connection, by xid. A request that has a reply completes with it (a
 * multipart request with all its parts); a request that has none (a flow-mod) completes when the
 * reply to a later barrier arrives. An OFPT_ERROR with the request's xid completes it exceptionally
 * with {@link OpenFlowErrorException}; no answer in time, with {@link OpenFlowException}.
 */
final class Requests {
  private final String peer;
  private final Duration timeout;
  private final AtomicLong xids = new AtomicLong(1);
  private final AtomicLong order = new AtomicLong();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

  private static final class Pending {
    final long seq;
    final String what;
    final boolean silent;
    final CompletableFuture<Object> future = new CompletableFuture<>();
    final List<OFStatsReply> parts = new ArrayList<>();

    Pending(long seq, String what, boolean silent) {
      this.seq = seq;
      this.what = what;
      this.silent = silent;
    }
  }

  Requests(String peer, Duration timeout) {
    this.peer = peer;
    this.timeout = timeout;
  }

  /** A fresh xid (never 0, which switches use for their own messages). */
  long nextXid() {
    long x = xids.getAndIncrement() & 0xffff_ffffL;
    return x == 0 ? nextXid() : x;
  }

  /** Registers a request that expects a reply; the future holds the reply (a list if multipart). */
  CompletableFuture<Object> expectReply(long xid, String what) {
    return register(xid, what, false);
  }

  /** Registers a request that has no reply when it succeeds; a later barrier confirms it. */
  CompletableFuture<Object> expectSilence(long xid, String what) {
    return register(xid, what, true);
  }

  private CompletableFuture<Object> register(long xid, String what, boolean silent) {
    Pending p = new Pending(order.incrementAndGet(), what, silent);
    pending.put(xid, p);
    p.future.whenComplete((r, e) -> pending.remove(xid, p));
    CompletableFuture<Object> out =
        p.future
            .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .exceptionallyCompose(
                e ->
                    CompletableFuture.failedFuture(
                        e instanceof TimeoutException
                            ? new OpenFlowException(
                                peer
                                    + ": no answer to "
                                    + what
                                    + " (xid "
                                    + xid
                                    + ") within "
                                    + timeout.toMillis()
                                    + " ms")
                            : e));
    out.whenComplete((r, e) -> pending.remove(xid, p));
    return out;
  }

  /** Offers a message from the switch; true when it answered a request. */
  boolean reply(OFMessage m) {
    Pending p = pending.get(m.getXid());
    if (p == null || p.silent) {
      return false;
    }
    if (m instanceof OFStatsReply part) {
      synchronized (p) {
        p.parts.add(part);
        if (part.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
          return true;
        }
        p.future.complete(List.copyOf(p.parts));
      }
      return true;
    }
    p.future.complete(m);
    return true;
  }

  /** A barrier's reply confirms every silent request sent before the barrier. */
  void barrierReached(long barrierXid) {
    Pending barrier = pending.get(barrierXid);
    if (barrier == null) {
      return;
    }
    for (Pending p : List.copyOf(pending.values())) {
      if (p.silent && p.seq < barrier.seq) {
        p.future.complete(null);
      }
    }
  }

  /** Offers an error; true when it refused a request in flight. */
  boolean error(OpenFlowError e) {
    Pending p = pending.get(e.xid());
    if (p == null) {
      return false;
    }
    p.future.completeExceptionally(new OpenFlowErrorException(peer + " refused " + p.what, e));
    return true;
  }

  /** Fails every request in flight: the connection is gone. */
  void failAll(String why) {
    for (Pending p : List.copyOf(pending.values())) {
      p.future.completeExceptionally(new OpenFlowException(peer + ": " + p.what + ": " + why));
    }
  }

  int inFlight() {
    return pending.size();
  }
}
