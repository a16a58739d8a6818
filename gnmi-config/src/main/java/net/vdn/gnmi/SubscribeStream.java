package net.vdn.gnmi;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.vdn.gnmi.internal.Reconnection;
import net.vdn.gnmi.internal.Requests;
import net.vdn.gnmi.proto.SubscribeRequest;
import net.vdn.gnmi.proto.SubscribeResponse;
import net.vdn.gnmi.proto.gNMIGrpc;
import net.vdn.gnmi.wire.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running subscription. Everything the target sends arrives as {@link SubscribeEvent}s in a
 * bounded queue ({@link #events()}) that drops the oldest event, and counts it, rather than hold up
 * the gRPC threads. A STREAM subscription whose stream breaks is re-established (and the target
 * sends the initial values and a sync response again): the new stream waits for the channel, which
 * is told to connect at each reconnect delay, so it is back within about the longest delay of the
 * target accepting connections again. ONCE and POLL subscriptions end with {@link
 * SubscribeEvent.Ended}.
 */
public final class SubscribeStream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SubscribeStream.class);
  private static final Set<Status.Code> FINAL_CODES =
      Set.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.PERMISSION_DENIED,
          Status.Code.UNIMPLEMENTED,
          Status.Code.UNAUTHENTICATED);

  private final gNMIGrpc.gNMIStub stub;
  private final SubscriptionList list;
  private final SubscribeRequest request;
  private final GnmiOptions options;
  private final Reconnection reconnection;
  private final Runnable onClose;
  private final EventQueue<SubscribeEvent> events;
  private final Object sendLock = new Object();

  // Guarded by "this".
  private ClientCallStreamObserver<SubscribeRequest> requests;
  private int generation;
  private int failures;
  private long syncs;
  private boolean synced;
  private boolean responded;
  private boolean ended;
  private boolean closed;

  SubscribeStream(
      gNMIGrpc.gNMIStub stub,
      SubscriptionList list,
      GnmiOptions options,
      Reconnection reconnection,
      Runnable onClose) {
    this.stub = stub;
    this.list = list;
    this.request = Requests.subscribe(list);
    this.options = options;
    this.reconnection = reconnection;
    this.onClose = onClose;
    this.events = new EventQueue<>(options.eventQueueCapacity());
  }

  void open() {
    open(stub);
  }

  /** Opens the subscription again after its stream broke; the call waits for the channel. */
  private void reopen() {
    int gen = open(stub.withWaitForReady());
    reconnection.nudgeWhile(() -> awaitingResponse(gen));
  }

  private int open(gNMIGrpc.gNMIStub via) {
    int gen;
    synchronized (this) {
      if (closed) {
        return -1;
      }
      synced = false;
      responded = false;
      requests =
          (ClientCallStreamObserver<SubscribeRequest>) via.subscribe(new Responses(++generation));
      gen = generation;
    }
    send(request);
    return gen;
  }

  private synchronized boolean awaitingResponse(int gen) {
    return !closed && gen == generation && !responded;
  }

  private void send(SubscribeRequest message) {
    ClientCallStreamObserver<SubscribeRequest> out;
    synchronized (this) {
      out = requests;
    }
    if (out == null) {
      throw new GnmiTargetException(
          options.deviceAt() + ": the gNMI subscription is down", Status.Code.UNAVAILABLE, null);
    }
    synchronized (sendLock) {
      out.onNext(message);
    }
  }

  public SubscriptionList subscription() {
    return list;
  }

  /** The events of this subscription, oldest first. */
  public EventQueue<SubscribeEvent> events() {
    return events;
  }

  /**
   * Asks a POLL subscription for a fresh round of values; {@link #awaitSync} then waits for the
   * round's sync response.
   */
  public void poll() {
    if (list.mode() != SubscriptionList.Mode.POLL) {
      throw new IllegalStateException("poll() needs a POLL subscription, not " + list.mode());
    }
    synchronized (this) {
      if (ended || closed) {
        throw new IllegalStateException("the subscription has ended");
      }
      synced = false;
    }
    send(Requests.poll());
  }

  /**
   * Waits until the target has sent every value of the current round (the initial values, or the
   * answer to the last poll); false when the time ran out or the subscription ended first.
   */
  public synchronized boolean awaitSync(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!synced && !ended && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return synced;
  }

  /** Sync responses received so far, over every reconnect. */
  public synchronized long syncCount() {
    return syncs;
  }

  /** Whether the subscription ended for good (see {@link SubscribeEvent.Ended}). */
  public synchronized boolean isEnded() {
    return ended || closed;
  }

  @SuppressWarnings("deprecation") // the in-band error of old targets
  private void onResponse(int gen, SubscribeResponse response) {
    synchronized (this) {
      if (gen != generation || closed) {
        return;
      }
      failures = 0;
      responded = true;
    }
    switch (response.getResponseCase()) {
      case UPDATE -> {
        try {
          events.publish(new SubscribeEvent.Data(Wire.notification(response.getUpdate())));
        } catch (GnmiException e) {
          log.warn("{}: cannot decode a gNMI notification: {}", options.device(), e.getMessage());
          events.publish(new SubscribeEvent.Undecodable(e.getMessage()));
        }
      }
      case SYNC_RESPONSE -> {
        if (response.getSyncResponse()) {
          synchronized (this) {
            synced = true;
            syncs++;
            notifyAll();
          }
          events.publish(new SubscribeEvent.Sync());
        }
      }
      case ERROR ->
          events.publish(
              new SubscribeEvent.Undecodable(
                  "in-band error "
                      + Status.fromCodeValue(response.getError().getCode()).getCode()
                      + ": "
                      + response.getError().getMessage()));
      case RESPONSE_NOT_SET -> {}
    }
  }

  private void onDown(int gen, Status status) {
    SubscribeEvent event;
    synchronized (this) {
      if (gen != generation || closed) {
        return;
      }
      requests = null;
      String description = status.getDescription() == null ? "" : status.getDescription();
      if (list.mode() == SubscriptionList.Mode.STREAM && !FINAL_CODES.contains(status.getCode())) {
        Duration delay = Duration.ofMillis(reconnection.schedule(failures++, this::reopenQuietly));
        log.warn(
            "{}: gNMI subscription down ({} {}); reconnecting in {} ms, then every {} ms at most",
            options.deviceAt(),
            status.getCode(),
            description,
            delay.toMillis(),
            options.maxReconnectDelay().toMillis());
        event = new SubscribeEvent.Interrupted(status.getCode(), description, delay);
      } else {
        ended = true;
        notifyAll();
        event = new SubscribeEvent.Ended(status.getCode(), description);
      }
      // Inside the lock, so that the event is queued before isEnded() turns true.
      events.publish(event);
    }
  }

  private void reopenQuietly() {
    try {
      reopen();
    } catch (RuntimeException e) {
      log.warn("{}: cannot reopen the gNMI subscription", options.device(), e);
    }
  }

  /** Cancels the subscription; no events follow. */
  @Override
  public void close() {
    ClientCallStreamObserver<SubscribeRequest> out;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      out = requests;
      requests = null;
      notifyAll();
    }
    if (out != null) {
      synchronized (sendLock) {
        out.cancel("subscription closed by the client", null);
      }
    }
    onClose.run();
  }

  private final class Responses implements StreamObserver<SubscribeResponse> {
    private final int gen;

    Responses(int gen) {
      this.gen = gen;
    }

    @Override
    public void onNext(SubscribeResponse response) {
      onResponse(gen, response);
    }

    @Override
    public void onError(Throwable t) {
      onDown(gen, Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      onDown(
          gen,
          list.mode() == SubscriptionList.Mode.STREAM
              ? Status.UNAVAILABLE.withDescription("the target ended the stream")
              : Status.OK.withDescription("the target completed the subscription"));
    }
  }
}
