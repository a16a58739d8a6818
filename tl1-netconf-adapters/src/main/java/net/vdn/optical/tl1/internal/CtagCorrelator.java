package net.vdn.optical.tl1.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.vdn.optical.tl1.Tl1Command;
import net.vdn.optical.tl1.Tl1Event;
import net.vdn.optical.tl1.Tl1Exception;
import net.vdn.optical.tl1.Tl1Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands outstanding on one TL1 session, by CTAG. Each command gets a fresh CTAG; its answer
 * is the response blocks with that CTAG joined until one is not continued ({@code >}). DENY, PRTL,
 * a refusing acknowledgment (NA, NG, RL), no answer in time and garbage that can only be its answer
 * fail it with a typed {@link Tl1Exception}. Autonomous messages and garbage are passed on as
 * events. Thread-safe.
 */
final class CtagCorrelator {
  private static final Logger log = LoggerFactory.getLogger(CtagCorrelator.class);
  private static final List<String> REFUSALS = List.of("NA", "NG", "RL");

  private final String peer;
  private final ScheduledExecutorService timer;
  private final Consumer<Tl1Event> events;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ctags = new AtomicInteger();

  /** A command sent under its CTAG and what has come back for it so far. */
  static final class Pending {
    final Tl1Command command;
    final CompletableFuture<Tl1Message.Response> future = new CompletableFuture<>();
    private final List<String> lines = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();

    private Pending(Tl1Command command) {
      this.command = command;
    }
  }

  CtagCorrelator(String peer, ScheduledExecutorService timer, Consumer<Tl1Event> events) {
    this.peer = peer;
    this.timer = timer;
    this.events = events;
  }

  /**
   * Registers a command under a fresh CTAG (its own is replaced) and fails it if no complete answer
   * comes within {@code timeout}.
   */
  Pending register(Tl1Command command, Duration timeout) {
    Tl1Command c = command.withCtag(nextCtag());
    Pending p = new Pending(c);
    pending.put(c.ctag(), p);
    ScheduledFuture<?> timeoutTask =
        timer.schedule(
            () -> {
              if (pending.remove(c.ctag(), p)) {
                p.future.completeExceptionally(
                    new Tl1Exception(
                        Tl1Exception.Kind.TIMEOUT,
                        "",
                        peer
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
    p.future.whenComplete((r, e) -> timeoutTask.cancel(false));
    return p;
  }

  /** The command could not be sent. */
  void sendFailed(Pending p, Throwable cause) {
    if (pending.remove(p.command.ctag(), p)) {
      p.future.completeExceptionally(
          new Tl1Exception(Tl1Exception.Kind.CONNECTION, "", peer + ": cannot send", cause));
    }
  }

  /** Takes a message from the network element. */
  void accept(Tl1Message m) {
    switch (m) {
      case Tl1Message.Response r -> response(r);
      case Tl1Message.Acknowledgment a -> {
        if (REFUSALS.contains(a.code())) {
          Pending p = pending.remove(a.ctag());
          if (p != null) {
            p.future.completeExceptionally(
                new Tl1Exception(
                    Tl1Exception.Kind.DENIED,
                    a.code(),
                    peer + ": " + p.command.code() + " refused: " + a.code()));
          }
        }
      }
      case Tl1Message.Autonomous a -> events.accept(new Tl1Event.Autonomous(a));
      case Tl1Message.Malformed bad -> {
        log.warn("{}: not TL1 ({}): {}", peer, bad.reason(), bad.text().strip());
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
                          peer
                              + ": "
                              + p.command.code()
                              + " answered with something not TL1: "
                              + bad.reason()));
                }
              });
        }
        events.accept(new Tl1Event.ProtocolError(bad));
      }
    }
  }

  private void response(Tl1Message.Response r) {
    Pending p = pending.get(r.ctag());
    if (p == null) {
      log.warn("{}: answer to unknown or timed-out ctag {}", peer, r.ctag());
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
                  peer
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
                  peer + ": " + p.command.code() + " partly done: " + whole.lines()));
      default -> p.future.complete(whole);
    }
  }

  /** The connection broke: every outstanding command fails. */
  void connectionLost() {
    for (String ctag : List.copyOf(pending.keySet())) {
      Pending p = pending.remove(ctag);
      if (p != null) {
        p.future.completeExceptionally(
            new Tl1Exception(
                Tl1Exception.Kind.CONNECTION,
                "",
                peer + ": connection lost with " + p.command.code() + " outstanding"));
      }
    }
  }

  private String nextCtag() {
    return Integer.toString(ctags.updateAndGet(i -> i >= 999_999 ? 1 : i + 1));
  }
}
