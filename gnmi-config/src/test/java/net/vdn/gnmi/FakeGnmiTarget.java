package net.vdn.gnmi;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.vdn.gnmi.proto.CapabilityRequest;
import net.vdn.gnmi.proto.CapabilityResponse;
import net.vdn.gnmi.proto.GetRequest;
import net.vdn.gnmi.proto.GetResponse;
import net.vdn.gnmi.proto.ModelData;
import net.vdn.gnmi.proto.SetRequest;
import net.vdn.gnmi.proto.SetResponse;
import net.vdn.gnmi.proto.SubscribeRequest;
import net.vdn.gnmi.proto.SubscribeResponse;
import net.vdn.gnmi.proto.TypedValue;
import net.vdn.gnmi.proto.UpdateResult;
import net.vdn.gnmi.proto.gNMIGrpc;
import net.vdn.gnmi.wire.Wire;

/**
 * A FAKE gNMI target on a loopback port, for tests of the client's own logic: a flat store of
 * leaves, Get, Set transactions (paths with a {@code state} element are read-only), and Subscribe
 * in ONCE, POLL and STREAM (ON_CHANGE, SAMPLE, TARGET_DEFINED as ON_CHANGE) modes. It is not a
 * model of any real target; the real peer, the softswitch's gNMI server, comes later.
 */
public final class FakeGnmiTarget extends gNMIGrpc.gNMIImplBase implements AutoCloseable {
  public final List<GetRequest> gets = new CopyOnWriteArrayList<>();
  public final List<SetRequest> sets = new CopyOnWriteArrayList<>();
  public final List<SubscribeRequest> subscribeRequests = new CopyOnWriteArrayList<>();
  public final List<Metadata> headers = new CopyOnWriteArrayList<>();
  private final TreeMap<String, Leaf> store = new TreeMap<>();
  private final List<Sub> live = new CopyOnWriteArrayList<>();
  private final AtomicInteger subscribeCalls = new AtomicInteger();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("fake-gnmi-sampler").factory());
  private final Server server;

  private record Leaf(GnmiPath path, TypedValue value) {}

  public FakeGnmiTarget() throws IOException {
    this(InsecureServerCredentials.create());
  }

  public FakeGnmiTarget(ServerCredentials credentials) throws IOException {
    this(0, credentials);
  }

  /** A target on this port, as a restarted one comes back on its old port. */
  public FakeGnmiTarget(int port) throws IOException {
    this(port, InsecureServerCredentials.create());
  }

  private FakeGnmiTarget(int port, ServerCredentials credentials) throws IOException {
    ServerInterceptor recordHeaders =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata h, ServerCallHandler<Q, R> next) {
            headers.add(h);
            return next.startCall(call, h);
          }
        };
    server =
        Grpc.newServerBuilderForPort(port, credentials)
            .addService(ServerInterceptors.intercept(this, recordHeaders))
            .build()
            .start();
  }

  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** Sets a leaf and sends it to every ON_CHANGE subscriber whose path matches. */
  public void put(String path, GnmiValue value) {
    putRaw(GnmiPath.parse(path), Wire.value(value));
  }

  /** Sets a leaf to a value as it travels on the wire (to send what the client cannot decode). */
  public void putRaw(GnmiPath path, TypedValue value) {
    synchronized (this) {
      store.put(path.toString(), new Leaf(path, value));
    }
    for (Sub s : live) {
      s.changed(path, value);
    }
  }

  /** The value of a leaf, or null. */
  public synchronized GnmiValue value(String path) {
    Leaf l = store.get(GnmiPath.parse(path).toString());
    return l == null ? null : Wire.value(l.value());
  }

  public int subscribeCalls() {
    return subscribeCalls.get();
  }

  public int openStreams() {
    return live.size();
  }

  /** Ends every open Subscribe stream with this status. */
  public void breakStreams(Status status) {
    for (Sub s : live) {
      s.fail(status);
    }
  }

  /** Whether {@code leaf} lies at or below {@code pattern}; {@code *} matches any name or key. */
  static boolean matches(GnmiPath pattern, GnmiPath leaf) {
    if (pattern.elems().size() > leaf.elems().size()) {
      return false;
    }
    for (int i = 0; i < pattern.elems().size(); i++) {
      PathElem p = pattern.elems().get(i);
      PathElem l = leaf.elems().get(i);
      if (!p.name().equals("*") && !p.name().equals(l.name())) {
        return false;
      }
      for (Map.Entry<String, String> k : p.keys().entrySet()) {
        String v = l.keys().get(k.getKey());
        if (v == null || !(k.getValue().equals("*") || k.getValue().equals(v))) {
          return false;
        }
      }
    }
    return true;
  }

  private synchronized List<Leaf> leavesUnder(GnmiPath pattern) {
    List<Leaf> out = new ArrayList<>();
    for (Leaf l : store.values()) {
      if (matches(pattern, l.path())) {
        out.add(l);
      }
    }
    return out;
  }

  private static net.vdn.gnmi.proto.Notification notification(List<Leaf> leaves) {
    var n = net.vdn.gnmi.proto.Notification.newBuilder().setTimestamp(System.nanoTime());
    for (Leaf l : leaves) {
      n.addUpdate(
          net.vdn.gnmi.proto.Update.newBuilder().setPath(Wire.path(l.path())).setVal(l.value()));
    }
    return n.build();
  }

  @Override
  public void capabilities(CapabilityRequest req, StreamObserver<CapabilityResponse> out) {
    out.onNext(
        CapabilityResponse.newBuilder()
            .setGNMIVersion("0.10.0")
            .addSupportedModels(
                ModelData.newBuilder()
                    .setName("openconfig-interfaces")
                    .setOrganization("OpenConfig working group")
                    .setVersion("2.4.3"))
            .addSupportedEncodings(net.vdn.gnmi.proto.Encoding.PROTO)
            .addSupportedEncodings(net.vdn.gnmi.proto.Encoding.JSON_IETF)
            .build());
    out.onCompleted();
  }

  /**
   * Answers one notification per requested path. When the path has no wildcard it is sent as the
   * notification's prefix and the leaves relative to it, as targets often do.
   */
  @Override
  public void get(GetRequest req, StreamObserver<GetResponse> out) {
    gets.add(req);
    if (req.getEncoding() != net.vdn.gnmi.proto.Encoding.PROTO) {
      out.onError(Status.UNIMPLEMENTED.withDescription("only PROTO encoding").asException());
      return;
    }
    var response = GetResponse.newBuilder();
    for (var p : req.getPathList()) {
      GnmiPath full = Wire.path(req.getPrefix()).append(Wire.path(p));
      List<Leaf> leaves = leavesUnder(full);
      if (leaves.isEmpty()) {
        out.onError(Status.NOT_FOUND.withDescription("no data at " + full).asException());
        return;
      }
      if (full.toString().contains("*")) {
        response.addNotification(notification(leaves));
        continue;
      }
      var n = net.vdn.gnmi.proto.Notification.newBuilder().setPrefix(Wire.path(full));
      for (Leaf l : leaves) {
        var rest = l.path().elems().subList(full.elems().size(), l.path().elems().size());
        n.addUpdate(
            net.vdn.gnmi.proto.Update.newBuilder()
                .setPath(Wire.path(new GnmiPath("", rest)))
                .setVal(l.value()));
      }
      response.addNotification(n);
    }
    out.onNext(response.build());
    out.onCompleted();
  }

  /** Applies deletes, then replaces, then updates, all or nothing. */
  @Override
  public void set(SetRequest req, StreamObserver<SetResponse> out) {
    sets.add(req);
    GnmiPath prefix = Wire.path(req.getPrefix());
    var response = SetResponse.newBuilder().setTimestamp(System.nanoTime());
    List<Leaf> written = new ArrayList<>();
    synchronized (this) {
      List<net.vdn.gnmi.proto.Path> all = new ArrayList<>(req.getDeleteList());
      req.getReplaceList().forEach(u -> all.add(u.getPath()));
      req.getUpdateList().forEach(u -> all.add(u.getPath()));
      for (var p : all) {
        GnmiPath full = prefix.append(Wire.path(p));
        if (full.elems().stream().anyMatch(e -> e.name().equals("state"))) {
          out.onError(
              Status.INVALID_ARGUMENT.withDescription(full + " is read-only").asException());
          return;
        }
      }
      for (var p : req.getDeleteList()) {
        GnmiPath full = prefix.append(Wire.path(p));
        store.values().removeIf(l -> l.path().startsWith(full));
        response.addResponse(result(p, UpdateResult.Operation.DELETE));
      }
      for (var u : req.getReplaceList()) {
        GnmiPath full = prefix.append(Wire.path(u.getPath()));
        store.values().removeIf(l -> l.path().startsWith(full));
        written.add(new Leaf(full, u.getVal()));
        response.addResponse(result(u.getPath(), UpdateResult.Operation.REPLACE));
      }
      for (var u : req.getUpdateList()) {
        written.add(new Leaf(prefix.append(Wire.path(u.getPath())), u.getVal()));
        response.addResponse(result(u.getPath(), UpdateResult.Operation.UPDATE));
      }
    }
    for (Leaf l : written) {
      putRaw(l.path(), l.value());
    }
    out.onNext(response.build());
    out.onCompleted();
  }

  private static UpdateResult result(net.vdn.gnmi.proto.Path p, UpdateResult.Operation op) {
    return UpdateResult.newBuilder().setPath(p).setOp(op).build();
  }

  @Override
  public StreamObserver<SubscribeRequest> subscribe(StreamObserver<SubscribeResponse> out) {
    subscribeCalls.incrementAndGet();
    Sub sub = new Sub((ServerCallStreamObserver<SubscribeResponse>) out);
    ((ServerCallStreamObserver<SubscribeResponse>) out).setOnCancelHandler(sub::stop);
    return sub;
  }

  /** One Subscribe stream. */
  private final class Sub implements StreamObserver<SubscribeRequest> {
    private final ServerCallStreamObserver<SubscribeResponse> out;
    private final List<ScheduledFuture<?>> samplers = new CopyOnWriteArrayList<>();
    private volatile net.vdn.gnmi.proto.SubscriptionList list;
    private boolean done;

    Sub(ServerCallStreamObserver<SubscribeResponse> out) {
      this.out = out;
    }

    @Override
    public void onNext(SubscribeRequest req) {
      subscribeRequests.add(req);
      if (req.hasPoll()) {
        if (list == null || list.getMode() != net.vdn.gnmi.proto.SubscriptionList.Mode.POLL) {
          fail(Status.INVALID_ARGUMENT.withDescription("poll without a POLL subscription"));
          return;
        }
        snapshot();
        return;
      }
      if (list != null) {
        fail(Status.INVALID_ARGUMENT.withDescription("subscribed twice on one stream"));
        return;
      }
      list = req.getSubscribe();
      for (var s : list.getSubscriptionList()) {
        if (Wire.path(s.getPath()).elems().stream().anyMatch(e -> e.name().equals("refuse"))) {
          fail(Status.INVALID_ARGUMENT.withDescription("refused " + Wire.path(s.getPath())));
          return;
        }
      }
      switch (list.getMode()) {
        case ONCE -> {
          snapshot();
          synchronized (this) {
            done = true;
            out.onCompleted();
          }
        }
        case POLL -> snapshot();
        default -> {
          if (list.getUpdatesOnly()) {
            send(SubscribeResponse.newBuilder().setSyncResponse(true).build());
          } else {
            snapshot();
          }
          live.add(this);
          for (var s : list.getSubscriptionList()) {
            if (s.getMode() == net.vdn.gnmi.proto.SubscriptionMode.SAMPLE) {
              long every = s.getSampleInterval() == 0 ? 1_000_000_000L : s.getSampleInterval();
              GnmiPath p = Wire.path(s.getPath());
              samplers.add(
                  sampler.scheduleAtFixedRate(
                      () -> send(update(leavesUnder(p))), every, every, TimeUnit.NANOSECONDS));
            }
          }
        }
      }
    }

    private void snapshot() {
      for (var s : list.getSubscriptionList()) {
        List<Leaf> leaves = leavesUnder(Wire.path(s.getPath()));
        if (!leaves.isEmpty()) {
          send(update(leaves));
        }
      }
      send(SubscribeResponse.newBuilder().setSyncResponse(true).build());
    }

    private SubscribeResponse update(List<Leaf> leaves) {
      return SubscribeResponse.newBuilder().setUpdate(notification(leaves)).build();
    }

    void changed(GnmiPath path, TypedValue value) {
      for (var s : list.getSubscriptionList()) {
        if (s.getMode() != net.vdn.gnmi.proto.SubscriptionMode.SAMPLE
            && matches(Wire.path(s.getPath()), path)) {
          send(update(List.of(new Leaf(path, value))));
          return;
        }
      }
    }

    private synchronized void send(SubscribeResponse r) {
      if (!done && !out.isCancelled()) {
        out.onNext(r);
      }
    }

    synchronized void fail(Status status) {
      stop();
      if (!done) {
        done = true;
        out.onError(status.asException());
      }
    }

    void stop() {
      live.remove(this);
      samplers.forEach(f -> f.cancel(false));
    }

    @Override
    public void onError(Throwable t) {
      stop();
    }

    @Override
    public synchronized void onCompleted() {
      stop();
      if (!done) {
        done = true;
        out.onCompleted();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    sampler.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }
}
