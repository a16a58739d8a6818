package net.vdn.gnmi;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.vdn.gnmi.internal.Channels;
import net.vdn.gnmi.internal.Reconnection;
import net.vdn.gnmi.internal.Replies;
import net.vdn.gnmi.internal.Requests;
import net.vdn.gnmi.proto.CapabilityRequest;
import net.vdn.gnmi.proto.GetResponse;
import net.vdn.gnmi.proto.SetRequest;
import net.vdn.gnmi.proto.SetResponse;
import net.vdn.gnmi.proto.gNMIGrpc;
import net.vdn.gnmi.wire.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one gNMI target.
 *
 * <pre>{@code
 * try (var gnmi = GnmiClient.connect(GnmiOptions.builder("switch1:9559").build())) {
 *   GnmiValue status = gnmi.getValue(
 *       GnmiPath.parse("/interfaces/interface[name=1]/state/oper-status"));
 *   gnmi.set().update(
 *       GnmiPath.parse("/interfaces/interface[name=1]/config/enabled"), GnmiValue.of(true))
 *       .commit();
 *   try (var sub = gnmi.subscribe(SubscriptionList.stream(Subscription.onChange(path)))) {
 *     SubscribeEvent e = sub.events().poll(Duration.ofSeconds(1));
 *   }
 * }
 * }</pre>
 */
public final class GnmiClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GnmiClient.class);

  private final GnmiOptions options;
  private final ManagedChannel channel;
  private final gNMIGrpc.gNMIBlockingStub blocking;
  private final gNMIGrpc.gNMIStub async;
  private final ScheduledExecutorService scheduler;
  private final Reconnection reconnection;
  private final Set<SubscribeStream> subscriptions = ConcurrentHashMap.newKeySet();

  private GnmiClient(GnmiOptions options, ManagedChannel channel) {
    this.options = options;
    this.channel = channel;
    this.blocking = gNMIGrpc.newBlockingStub(channel);
    this.async = gNMIGrpc.newStub(channel);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gnmi-reconnect-" + options.name()).factory());
    this.reconnection =
        new Reconnection(
            channel, scheduler, options.minReconnectDelay(), options.maxReconnectDelay());
  }

  /**
   * Makes the channel. No RPC is sent: an unreachable target shows on the first call, as {@link
   * GnmiTargetException} with code UNAVAILABLE.
   */
  public static GnmiClient connect(GnmiOptions options) {
    return new GnmiClient(options, Channels.open(options));
  }

  public GnmiOptions options() {
    return options;
  }

  /** Asks the target for its gNMI version, models and encodings. */
  public Capabilities capabilities() {
    try {
      return Replies.capabilities(blocking().capabilities(CapabilityRequest.getDefaultInstance()));
    } catch (StatusRuntimeException e) {
      throw rpcError("Capabilities", e);
    }
  }

  /** Gets every value at or below the paths, PROTO-encoded, configuration and state. */
  public List<Notification> get(GnmiPath... paths) {
    return get(List.of(paths), Encoding.PROTO, DataType.ALL);
  }

  /** Gets every value at or below the paths in the given encoding. */
  public List<Notification> get(List<GnmiPath> paths, Encoding encoding, DataType type) {
    GetResponse r;
    try {
      r = blocking().get(Requests.get(paths, encoding, type));
    } catch (StatusRuntimeException e) {
      throw rpcError("Get " + paths, e);
    }
    List<Notification> out = new ArrayList<>(r.getNotificationCount());
    for (var n : r.getNotificationList()) {
      out.add(Wire.notification(n));
    }
    return out;
  }

  /**
   * The value of one leaf. Throws {@link GnmiException} when the target answers with no value or
   * with several (the path names a subtree or holds a wildcard).
   */
  public GnmiValue getValue(GnmiPath leaf) {
    List<Notification.Update> updates = new ArrayList<>();
    for (Notification n : get(leaf)) {
      updates.addAll(n.updates());
    }
    if (updates.size() != 1) {
      throw new GnmiException(
          options.deviceAt()
              + ": gNMI Get "
              + leaf
              + " returned "
              + updates.size()
              + " values, expected one leaf");
    }
    return updates.getFirst().value();
  }

  /** Starts a transaction of deletes, replaces and updates. */
  public SetTransaction set() {
    return new SetTransaction(this);
  }

  /** Updates one leaf in a transaction of its own. */
  public SetResult update(GnmiPath path, GnmiValue value) {
    return set().update(path, value).commit();
  }

  SetResult send(SetRequest request) {
    SetResponse r;
    try {
      r = blocking().set(request);
    } catch (StatusRuntimeException e) {
      throw rpcError(
          "Set ("
              + request.getDeleteCount()
              + " deletes, "
              + request.getReplaceCount()
              + " replaces, "
              + request.getUpdateCount()
              + " updates)",
          e);
    }
    SetResult result = Replies.setResult(r);
    log.debug("{}: gNMI Set applied {} operations", options.device(), result.results().size());
    return result;
  }

  /**
   * Starts a subscription. Returns at once; the events, starting with the initial values and a sync
   * response, arrive on {@link SubscribeStream#events()}.
   */
  public SubscribeStream subscribe(SubscriptionList list) {
    var holder = new SubscribeStream[1];
    SubscribeStream s =
        new SubscribeStream(
            async, list, options, reconnection, () -> subscriptions.remove(holder[0]));
    holder[0] = s;
    subscriptions.add(s);
    s.open();
    return s;
  }

  private gNMIGrpc.gNMIBlockingStub blocking() {
    return blocking.withDeadlineAfter(options.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private GnmiTargetException rpcError(String rpc, StatusRuntimeException e) {
    var s = e.getStatus();
    return new GnmiTargetException(
        options.deviceAt()
            + ": gNMI "
            + rpc
            + " failed: "
            + s.getCode()
            + (s.getDescription() == null ? "" : " " + s.getDescription()),
        s.getCode(),
        e);
  }

  /** Cancels every subscription, closes the channel and stops the client's thread. */
  @Override
  public void close() {
    for (SubscribeStream s : List.copyOf(subscriptions)) {
      s.close();
    }
    scheduler.shutdownNow();
    channel.shutdown();
    try {
      if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
