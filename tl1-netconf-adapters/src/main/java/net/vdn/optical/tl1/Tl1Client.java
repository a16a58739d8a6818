package net.vdn.optical.tl1;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import net.vdn.optical.tl1.internal.Tl1Connection;
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
  private final List<Consumer<Tl1Event>> listeners = new CopyOnWriteArrayList<>();
  private final Tl1Connection connection;

  private Tl1Client(Tl1ClientOptions options) {
    this.options = options;
    this.connection = new Tl1Connection(options, this::emit);
  }

  /** Connects and logs in; throws if either fails (no automatic retry before the first login). */
  public static Tl1Client connect(Tl1ClientOptions options) throws Tl1Exception {
    Tl1Client c = new Tl1Client(options);
    try {
      c.connection.start().get();
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
    return c;
  }

  /** Sends a command (its CTAG replaced by a fresh one) and returns its complete answer. */
  public CompletableFuture<Tl1Message.Response> sendAsync(Tl1Command command) {
    return connection.send(command);
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
    return connection.isLoggedIn();
  }

  public String describe() {
    return options.describe();
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
    connection.close();
  }
}
