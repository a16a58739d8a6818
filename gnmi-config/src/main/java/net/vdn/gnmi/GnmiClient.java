package net.vdn.gnmi;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.vdn.gnmi.proto.CapabilityRequest;
import net.vdn.gnmi.proto.CapabilityResponse;
import net.vdn.gnmi.proto.GetRequest;
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
  private static final Metadata.Key<String> USERNAME =
      Metadata.Key.of("username", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> PASSWORD =
      Metadata.Key.of("password", Metadata.ASCII_STRING_MARSHALLER);

  private final GnmiOptions options;
  private final ManagedChannel channel;
  private final gNMIGrpc.gNMIBlockingStub blocking;
  private final gNMIGrpc.gNMIStub async;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("gnmi-reconnect").factory());
  private final Set<SubscribeStream> subscriptions = ConcurrentHashMap.newKeySet();

  private GnmiClient(GnmiOptions options, ManagedChannel channel) {
    this.options = options;
    this.channel = channel;
    this.blocking = gNMIGrpc.newBlockingStub(channel);
    this.async = gNMIGrpc.newStub(channel);
  }

  /**
   * Makes the channel. No RPC is sent: an unreachable target shows on the first call, as {@link
   * GnmiTargetException} with code UNAVAILABLE.
   */
  public static GnmiClient connect(GnmiOptions options) {
    var builder =
        Grpc.newChannelBuilder(options.target(), credentials(options))
            .maxInboundMessageSize(options.maxInboundMessageBytes());
    if (options.username() != null) {
      builder.intercept(new CredentialsInterceptor(options.username(), options.password()));
    }
    return new GnmiClient(options, builder.build());
  }

  private static ChannelCredentials credentials(GnmiOptions o) {
    if (!o.tls()) {
      return InsecureChannelCredentials.create();
    }
    try {
      var tls = TlsChannelCredentials.newBuilder().trustManager(o.trustCertificates().toFile());
      if (o.clientCertificate() != null) {
        tls.keyManager(o.clientCertificate().toFile(), o.clientKey().toFile());
      }
      return tls.build();
    } catch (IOException e) {
      throw new GnmiException("cannot read TLS certificates: " + e.getMessage(), e);
    }
  }

  public GnmiOptions options() {
    return options;
  }

  /** Asks the target for its gNMI version, models and encodings. */
  public Capabilities capabilities() {
    CapabilityResponse r;
    try {
      r = blocking().capabilities(CapabilityRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      throw rpcError("Capabilities", e);
    }
    List<Capabilities.Model> models = new ArrayList<>();
    for (var m : r.getSupportedModelsList()) {
      models.add(new Capabilities.Model(m.getName(), m.getOrganization(), m.getVersion()));
    }
    List<Encoding> encodings = new ArrayList<>();
    for (var e : r.getSupportedEncodingsList()) {
      if (e != net.vdn.gnmi.proto.Encoding.UNRECOGNIZED) {
        encodings.add(Encoding.valueOf(e.name()));
      }
    }
    return new Capabilities(r.getGNMIVersion(), models, encodings);
  }

  /** Gets every value at or below the paths, PROTO-encoded, configuration and state. */
  public List<Notification> get(GnmiPath... paths) {
    return get(List.of(paths), Encoding.PROTO, DataType.ALL);
  }

  /** Gets every value at or below the paths in the given encoding. */
  public List<Notification> get(List<GnmiPath> paths, Encoding encoding, DataType type) {
    var req =
        GetRequest.newBuilder()
            .setEncoding(Wire.encoding(encoding))
            .setType(GetRequest.DataType.valueOf(type.name()));
    for (GnmiPath p : paths) {
      req.addPath(Wire.path(p));
    }
    GetResponse r;
    try {
      r = blocking().get(req.build());
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
          "gNMI "
              + options.target()
              + ": Get "
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
    GnmiPath prefix = Wire.path(r.getPrefix());
    List<SetResult.Operation> results = new ArrayList<>();
    for (var u : r.getResponseList()) {
      SetResult.Op op =
          u.getOp() == net.vdn.gnmi.proto.UpdateResult.Operation.UNRECOGNIZED
              ? SetResult.Op.INVALID
              : SetResult.Op.valueOf(u.getOp().name());
      results.add(new SetResult.Operation(op, prefix.append(Wire.path(u.getPath()))));
    }
    log.debug("gNMI {}: Set applied {} operations", options.target(), results.size());
    return new SetResult(r.getTimestamp(), results);
  }

  /**
   * Starts a subscription. Returns at once; the events, starting with the initial values and a sync
   * response, arrive on {@link SubscribeStream#events()}.
   */
  public SubscribeStream subscribe(SubscriptionList list) {
    var holder = new SubscribeStream[1];
    SubscribeStream s =
        new SubscribeStream(async, list, options, scheduler, () -> subscriptions.remove(holder[0]));
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
        "gNMI "
            + options.target()
            + ": "
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

  /** Adds the {@code username} and {@code password} headers gNMI targets authenticate with. */
  private record CredentialsInterceptor(String username, String password)
      implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(
          next.newCall(method, callOptions)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          headers.put(USERNAME, username);
          if (password != null) {
            headers.put(PASSWORD, password);
          }
          super.start(listener, headers);
        }
      };
    }
  }
}
