package net.vdn.p4runtime.internal;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.ElectionId;
import net.vdn.p4runtime.MastershipEvent;
import net.vdn.p4runtime.NotPrimaryException;
import net.vdn.p4runtime.TargetException;
import net.vdn.p4runtime.proto.v1.MasterArbitrationUpdate;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;
import net.vdn.p4runtime.proto.v1.Role;
import net.vdn.p4runtime.proto.v1.StreamMessageRequest;
import net.vdn.p4runtime.proto.v1.StreamMessageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The StreamChannel of one client: arbitration, mastership state and events, and reconnection
 * ({@link Reconnection}); every other message goes to the inbound consumer.
 *
 * <p>A broken stream is re-opened as a wait-for-ready call, which the channel holds until it is
 * connected again, rather than as a call that fails at once for every attempt while the target is
 * down; the channel is meanwhile told to connect at each reconnect delay.
 *
 * <p>Election ids follow the specification: the same id is sent again after a reconnect, so a
 * primary whose stream broke regains its role unless a higher id took over meanwhile; with
 * take-over enabled, a backup that learns the primary is gone raises its id above every id seen.
 */
public final class StreamSession {
  private static final Logger log = LoggerFactory.getLogger(StreamSession.class);
  private static final Status.Code[] FINAL_CODES = {
    Status.Code.INVALID_ARGUMENT,
    Status.Code.PERMISSION_DENIED,
    Status.Code.UNIMPLEMENTED,
    Status.Code.UNAUTHENTICATED
  };

  private final P4RuntimeGrpc.P4RuntimeStub stub;
  private final Connection connection;
  private final ClientOptions options;
  private final Consumer<StreamMessageResponse> inbound;
  private final List<Consumer<MastershipEvent>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService eventThread;
  private final ScheduledExecutorService scheduler;
  private final Reconnection reconnection;
  private final Object sendLock = new Object();

  // Guarded by "this".
  private StreamObserver<StreamMessageRequest> requests;
  private ElectionId electionId;
  private ElectionId highestSeen = ElectionId.ZERO;
  private ElectionId lastReported;
  private boolean primary;
  private boolean answered;
  private boolean closed;
  private int failures;
  private int generation;
  private Status lastError;

  /** A session on the connection's channel; {@code inbound} gets every non-arbitration message. */
  public StreamSession(Connection connection, Consumer<StreamMessageResponse> inbound) {
    this.stub = connection.async();
    this.connection = connection;
    this.options = connection.options();
    this.inbound = inbound;
    this.electionId = options.electionId();
    this.eventThread =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("p4rt-mastership-" + options.name()).factory());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("p4rt-reconnect-" + options.name()).factory());
    this.reconnection =
        new Reconnection(
            connection.channel(),
            scheduler,
            options.minReconnectDelay(),
            options.maxReconnectDelay());
  }

  public void addListener(Consumer<MastershipEvent> listener) {
    listeners.add(listener);
  }

  /** Opens the stream and sends this client's arbitration update. */
  public synchronized void open() {
    if (closed) {
      return;
    }
    answered = false;
    requests = stub.streamChannel(new Responses(++generation));
    sendArbitration();
  }

  /** Opens the stream again after it broke; the call waits until the channel is connected. */
  private void reopen() {
    int gen;
    synchronized (this) {
      if (closed) {
        return;
      }
      answered = false;
      requests = stub.withWaitForReady().streamChannel(new Responses(++generation));
      sendArbitration();
      gen = generation;
    }
    reconnection.nudgeWhile(() -> awaitingAnswer(gen));
  }

  private synchronized boolean awaitingAnswer(int gen) {
    return !closed && gen == generation && !answered;
  }

  private synchronized void sendArbitration() {
    var update =
        MasterArbitrationUpdate.newBuilder()
            .setDeviceId(options.deviceId())
            .setElectionId(electionId.toProto());
    if (!options.role().isEmpty()) {
      update.setRole(Role.newBuilder().setName(options.role()));
    }
    send(StreamMessageRequest.newBuilder().setArbitration(update).build());
  }

  void send(StreamMessageRequest message) {
    StreamObserver<StreamMessageRequest> out;
    synchronized (this) {
      out = requests;
    }
    if (out == null) {
      throw new TargetException(
          connection.deviceAt() + ": the stream is down", Status.Code.UNAVAILABLE, null);
    }
    synchronized (sendLock) {
      out.onNext(message);
    }
  }

  public synchronized boolean isPrimary() {
    return primary;
  }

  public synchronized ElectionId electionId() {
    return electionId;
  }

  /** The primary's election id as the target last reported it, or null before any answer. */
  public synchronized ElectionId lastReported() {
    return lastReported;
  }

  synchronized ElectionId highestSeen() {
    return highestSeen;
  }

  /** Fails with {@link NotPrimaryException}, naming who is, unless this client is primary. */
  synchronized void requirePrimary(String what) {
    if (!primary) {
      throw new NotPrimaryException(
          connection.device()
              + ": cannot "
              + what
              + ": this client (election id "
              + electionId
              + ", role '"
              + options.role()
              + "') is not primary"
              + (highestSeen.compareTo(electionId) > 0
                  ? "; the primary holds election id " + highestSeen
                  : ""));
    }
  }

  /** Waits for the target's first arbitration answer on the current stream. */
  public synchronized void awaitAnswer(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!answered && !closed) {
      failIfFinal();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TargetException(
            connection.deviceAt()
                + ": no arbitration answer within "
                + timeout
                + (lastError == null ? "" : " (last stream error: " + describe(lastError) + ")"),
            lastError == null ? Status.Code.DEADLINE_EXCEEDED : lastError.getCode(),
            null);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /**
   * Claims with another election id on the open stream (no new connection) and waits for the
   * target's answer to it: true when this client is then primary under the new id.
   */
  public boolean reelect(ElectionId id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      if (closed || requests == null) {
        throw new TargetException(
            connection.deviceAt() + ": the stream is down", Status.Code.UNAVAILABLE, null);
      }
      electionId = id;
      sendArbitration();
      // The answer to this id reports it as primary (OK), or a higher one as primary.
      while (!closed && !answeredFor(id)) {
        failIfFinal();
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return primary && id.equals(lastReported);
    }
  }

  private boolean answeredFor(ElectionId id) {
    return lastReported != null && lastReported.compareTo(id) >= 0 && requests != null;
  }

  /** Waits until this client is primary; false when the time ran out first. */
  public synchronized boolean awaitPrimary(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!primary && !closed) {
      failIfFinal();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return primary;
  }

  private void failIfFinal() {
    if (lastError != null && isFinal(lastError.getCode())) {
      throw new TargetException(
          connection.deviceAt() + " refused the stream: " + describe(lastError),
          lastError.getCode(),
          lastError.asRuntimeException());
    }
  }

  private static boolean isFinal(Status.Code code) {
    for (Status.Code c : FINAL_CODES) {
      if (c == code) {
        return true;
      }
    }
    return false;
  }

  private synchronized void onArbitration(int gen, MasterArbitrationUpdate update) {
    if (gen != generation) {
      return;
    }
    ElectionId reported = ElectionId.of(update.getElectionId());
    if (reported.compareTo(highestSeen) > 0) {
      highestSeen = reported;
    }
    Status.Code code = Status.fromCodeValue(update.getStatus().getCode()).getCode();
    boolean wasPrimary = primary;
    boolean firstAnswer = !answered;
    ElectionId reportedBefore = lastReported;
    lastReported = reported;
    answered = true;
    failures = 0;
    lastError = null;
    primary = code == Status.Code.OK;
    if (primary && !wasPrimary) {
      log.info("{}: primary with election id {}", connection.device(), electionId);
      emit(new MastershipEvent.BecamePrimary(electionId));
    } else if (!primary && code == Status.Code.NOT_FOUND) {
      if (wasPrimary || !firstAnswer) {
        emit(new MastershipEvent.PrimaryLost(code, "the target has no primary"));
      }
      if (options.takeOverWhenPrimaryLost()) {
        ElectionId top = highestSeen.compareTo(electionId) > 0 ? highestSeen : electionId;
        electionId = top.next();
        log.info(
            "{}: no primary; claiming it with election id {}", connection.device(), electionId);
        sendArbitration();
      } else if (firstAnswer) {
        emit(new MastershipEvent.BecameBackup(reported));
      }
    } else if (!primary && (wasPrimary || firstAnswer || !reported.equals(reportedBefore))) {
      // A backup hears every change of primary: the one before may have gone away.
      log.info("{}: backup; primary holds election id {}", connection.device(), reported);
      emit(new MastershipEvent.BecameBackup(reported));
    }
    notifyAll();
  }

  private synchronized void onDown(int gen, Status status) {
    if (gen != generation) {
      return;
    }
    requests = null;
    if (closed) {
      return;
    }
    lastError = status;
    boolean wasPrimary = primary;
    primary = false;
    notifyAll();
    if (wasPrimary) {
      emit(new MastershipEvent.PrimaryLost(status.getCode(), "stream broke: " + describe(status)));
    }
    long delay = reconnection.schedule(failures++, this::reopen);
    log.warn(
        "{}: stream down ({}); reconnecting in {} ms, then every {} ms at most until it answers",
        connection.deviceAt(),
        describe(status),
        delay,
        options.maxReconnectDelay().toMillis());
  }

  private void emit(MastershipEvent event) {
    for (Consumer<MastershipEvent> l : listeners) {
      eventThread.execute(
          () -> {
            try {
              l.accept(event);
            } catch (RuntimeException e) {
              log.warn("{}: mastership listener failed on {}", connection.device(), event, e);
            }
          });
    }
  }

  static String describe(Status s) {
    return s.getCode() + (s.getDescription() == null ? "" : " " + s.getDescription());
  }

  /** Closes the stream and stops the session's threads; no reconnect follows. */
  public void close() {
    StreamObserver<StreamMessageRequest> out;
    synchronized (this) {
      closed = true;
      primary = false;
      out = requests;
      requests = null;
      notifyAll();
    }
    if (out != null) {
      try {
        synchronized (sendLock) {
          out.onCompleted();
        }
      } catch (RuntimeException e) {
        log.debug("closing stream", e);
      }
    }
    scheduler.shutdownNow();
    eventThread.shutdown();
  }

  private final class Responses implements StreamObserver<StreamMessageResponse> {
    private final int gen;

    Responses(int gen) {
      this.gen = gen;
    }

    @Override
    public void onNext(StreamMessageResponse response) {
      if (response.hasArbitration()) {
        onArbitration(gen, response.getArbitration());
      } else {
        inbound.accept(response);
      }
    }

    @Override
    public void onError(Throwable t) {
      onDown(gen, Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      onDown(gen, Status.UNAVAILABLE.withDescription("the target closed the stream"));
    }
  }
}
