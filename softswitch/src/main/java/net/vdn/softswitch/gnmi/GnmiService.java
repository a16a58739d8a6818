package net.vdn.softswitch.gnmi;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.vdn.gnmi.GnmiPath;
import net.vdn.gnmi.GnmiValue;
import net.vdn.gnmi.GnmiValueException;
import net.vdn.gnmi.openconfig.PortSpeed;
import net.vdn.gnmi.proto.CapabilityRequest;
import net.vdn.gnmi.proto.CapabilityResponse;
import net.vdn.gnmi.proto.Encoding;
import net.vdn.gnmi.proto.GetRequest;
import net.vdn.gnmi.proto.GetResponse;
import net.vdn.gnmi.proto.ModelData;
import net.vdn.gnmi.proto.Notification;
import net.vdn.gnmi.proto.SetRequest;
import net.vdn.gnmi.proto.SetResponse;
import net.vdn.gnmi.proto.SubscribeRequest;
import net.vdn.gnmi.proto.SubscribeResponse;
import net.vdn.gnmi.proto.Subscription;
import net.vdn.gnmi.proto.SubscriptionList;
import net.vdn.gnmi.proto.SubscriptionMode;
import net.vdn.gnmi.proto.Update;
import net.vdn.gnmi.proto.UpdateResult;
import net.vdn.gnmi.proto.gNMIGrpc;
import net.vdn.gnmi.wire.Wire;
import net.vdn.softswitch.port.Ports;

/**
 * gNMI for the softswitch's ports, as Stratum serves it: Get and Set of OpenConfig interface leaves
 * (enabled and port speed are writable), and Subscribe in ONCE, POLL and STREAM modes (SAMPLE at an
 * interval, ON_CHANGE for status and configuration, TARGET_DEFINED choosing per leaf).
 */
public final class GnmiService extends gNMIGrpc.gNMIImplBase {
  private static final long DEFAULT_SAMPLE_NANOS = 1_000_000_000L;
  private static final ScheduledExecutorService SAMPLER =
      Executors.newScheduledThreadPool(
          1, Thread.ofPlatform().daemon().name("softswitch-gnmi").factory());

  private final Ports ports;

  public GnmiService(Ports ports) {
    this.ports = ports;
  }

  @Override
  public void capabilities(CapabilityRequest req, StreamObserver<CapabilityResponse> out) {
    out.onNext(
        CapabilityResponse.newBuilder()
            .addSupportedModels(
                ModelData.newBuilder()
                    .setName("openconfig-interfaces")
                    .setOrganization("OpenConfig working group"))
            .addSupportedModels(
                ModelData.newBuilder()
                    .setName("openconfig-if-ethernet")
                    .setOrganization("OpenConfig working group"))
            .addSupportedEncodings(Encoding.PROTO)
            .setGNMIVersion("0.10.0")
            .build());
    out.onCompleted();
  }

  private static GnmiPath join(net.vdn.gnmi.proto.Path prefix, net.vdn.gnmi.proto.Path path) {
    return Wire.path(prefix).append(Wire.path(path));
  }

  private Notification notification(GnmiPath request, List<PortTree.Leaf> leaves) {
    var n = Notification.newBuilder().setTimestamp(System.currentTimeMillis() * 1_000_000L);
    for (PortTree.Leaf l : leaves) {
      n.addUpdate(Update.newBuilder().setPath(Wire.path(l.path())).setVal(Wire.value(l.value())));
    }
    return n.build();
  }

  @Override
  public void get(GetRequest req, StreamObserver<GetResponse> out) {
    var resp = GetResponse.newBuilder();
    try {
      for (var p : req.getPathList()) {
        GnmiPath path = join(req.getPrefix(), p);
        List<PortTree.Leaf> leaves = PortTree.matching(ports, path);
        if (leaves.isEmpty()) {
          out.onError(Status.NOT_FOUND.withDescription("nothing at " + path).asRuntimeException());
          return;
        }
        resp.addNotification(notification(path, leaves));
      }
    } catch (RuntimeException e) {
      out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    out.onNext(resp.build());
    out.onCompleted();
  }

  /** One validated change of a Set, applied only when every change is valid. */
  private record Change(Ports.Port port, Boolean enabled, Long speedBps) {}

  @Override
  public void set(SetRequest req, StreamObserver<SetResponse> out) {
    List<Change> changes = new ArrayList<>();
    var resp = SetResponse.newBuilder().setTimestamp(System.currentTimeMillis() * 1_000_000L);
    try {
      if (req.getDeleteCount() > 0) {
        throw Status.INVALID_ARGUMENT
            .withDescription("the softswitch's interface leaves cannot be deleted")
            .asRuntimeException();
      }
      List<Update> updates = new ArrayList<>(req.getReplaceList());
      updates.addAll(req.getUpdateList());
      for (int i = 0; i < updates.size(); i++) {
        Update u = updates.get(i);
        GnmiPath path = join(req.getPrefix(), u.getPath());
        changes.add(change(path, Wire.value(u.getVal())));
        resp.addResponse(
            UpdateResult.newBuilder()
                .setPath(u.getPath())
                .setOp(
                    i < req.getReplaceCount()
                        ? UpdateResult.Operation.REPLACE
                        : UpdateResult.Operation.UPDATE));
      }
    } catch (io.grpc.StatusRuntimeException e) {
      out.onError(e);
      return;
    } catch (GnmiValueException | IllegalArgumentException e) {
      out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    for (Change c : changes) {
      if (c.enabled() != null) {
        ports.setEnabled(c.port(), c.enabled());
      }
      if (c.speedBps() != null) {
        ports.setSpeed(c.port(), c.speedBps());
      }
    }
    out.onNext(resp.build());
    out.onCompleted();
  }

  private Change change(GnmiPath path, GnmiValue value) {
    String name = path.keyOf("interface", "name");
    Ports.Port port = name == null ? null : ports.byName(name);
    if (port == null) {
      throw Status.NOT_FOUND
          .withDescription("no interface named '" + name + "' (path " + path + ")")
          .asRuntimeException();
    }
    if (PortTree.matches(PortTree.base(name).child("config").child("enabled"), path)
        && path.elems().size() == 4) {
      if (!(value instanceof GnmiValue.BoolValue b)) {
        throw new IllegalArgumentException(path + " takes a bool, got " + value);
      }
      return new Change(port, b.value(), null);
    }
    if (PortTree.matches(
            PortTree.base(name).child("ethernet").child("config").child("port-speed"), path)
        && path.elems().size() == 5) {
      if (!(value instanceof GnmiValue.StringValue s)) {
        throw new IllegalArgumentException(path + " takes a speed identity string, got " + value);
      }
      return new Change(port, null, PortSpeed.fromIdentity(s.value()).bitsPerSecond());
    }
    throw new IllegalArgumentException(
        path + " is not writable (config/enabled and ethernet/config/port-speed are)");
  }

  @Override
  public StreamObserver<SubscribeRequest> subscribe(StreamObserver<SubscribeResponse> out) {
    return new Subscriber(out);
  }

  /** One Subscribe stream. */
  private final class Subscriber implements StreamObserver<SubscribeRequest> {
    private final StreamObserver<SubscribeResponse> out;
    private final List<ScheduledFuture<?>> samplers = new ArrayList<>();
    private final List<Consumer<Ports.Port>> listeners = new ArrayList<>();
    private SubscriptionList list;
    private boolean done;

    Subscriber(StreamObserver<SubscribeResponse> out) {
      this.out = out;
      if (out instanceof ServerCallStreamObserver<SubscribeResponse> s) {
        s.setOnCancelHandler(this::stop);
      }
    }

    private synchronized void send(SubscribeResponse r) {
      if (!done) {
        out.onNext(r);
      }
    }

    private void sendAll(List<GnmiPath> paths, boolean statusOnly, boolean countersOnly) {
      for (GnmiPath path : paths) {
        List<PortTree.Leaf> leaves = new ArrayList<>();
        for (PortTree.Leaf l : PortTree.matching(ports, path)) {
          if ((!statusOnly || l.status()) && (!countersOnly || !l.status())) {
            leaves.add(l);
          }
        }
        if (!leaves.isEmpty()) {
          send(SubscribeResponse.newBuilder().setUpdate(notification(path, leaves)).build());
        }
      }
    }

    private void sync() {
      send(SubscribeResponse.newBuilder().setSyncResponse(true).build());
    }

    @Override
    public void onNext(SubscribeRequest req) {
      if (req.hasPoll()) {
        if (list == null || list.getMode() != SubscriptionList.Mode.POLL) {
          fail(Status.INVALID_ARGUMENT.withDescription("poll without a POLL subscription"));
          return;
        }
        sendAll(paths(list), false, false);
        sync();
        return;
      }
      if (!req.hasSubscribe() || list != null) {
        fail(Status.INVALID_ARGUMENT.withDescription("expected one subscription list, then polls"));
        return;
      }
      list = req.getSubscribe();
      if (list.getSubscriptionCount() == 0) {
        fail(Status.INVALID_ARGUMENT.withDescription("the subscription list is empty"));
        return;
      }
      List<GnmiPath> paths;
      try {
        paths = paths(list);
      } catch (RuntimeException e) {
        fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        return;
      }
      boolean streaming =
          list.getMode() != SubscriptionList.Mode.ONCE
              && list.getMode() != SubscriptionList.Mode.POLL;
      if (streaming) {
        // Watch for changes before the initial values go out, so none falls in between.
        stream(list);
      }
      if (!list.getUpdatesOnly()) {
        sendAll(paths, false, false);
      }
      sync();
      if (list.getMode() == SubscriptionList.Mode.ONCE) {
        finish();
      }
    }

    private List<GnmiPath> paths(SubscriptionList l) {
      List<GnmiPath> out = new ArrayList<>();
      for (Subscription s : l.getSubscriptionList()) {
        out.add(join(l.getPrefix(), s.getPath()));
      }
      return out;
    }

    private synchronized void stream(SubscriptionList l) {
      for (Subscription s : l.getSubscriptionList()) {
        GnmiPath path = join(l.getPrefix(), s.getPath());
        SubscriptionMode mode = s.getMode();
        if (mode == SubscriptionMode.SAMPLE || mode == SubscriptionMode.TARGET_DEFINED) {
          long interval = s.getSampleInterval() > 0 ? s.getSampleInterval() : DEFAULT_SAMPLE_NANOS;
          boolean countersOnly = mode == SubscriptionMode.TARGET_DEFINED;
          samplers.add(
              SAMPLER.scheduleAtFixedRate(
                  () -> sendAll(List.of(path), false, countersOnly),
                  interval,
                  interval,
                  TimeUnit.NANOSECONDS));
        }
        if (mode == SubscriptionMode.ON_CHANGE || mode == SubscriptionMode.TARGET_DEFINED) {
          Consumer<Ports.Port> l2 =
              p -> {
                List<PortTree.Leaf> changed = new ArrayList<>();
                for (PortTree.Leaf leaf : PortTree.leaves(p)) {
                  if (leaf.status() && PortTree.matches(path, leaf.path())) {
                    changed.add(leaf);
                  }
                }
                if (!changed.isEmpty()) {
                  send(
                      SubscribeResponse.newBuilder()
                          .setUpdate(notification(path, changed))
                          .build());
                }
              };
          listeners.add(l2);
          ports.onChange(l2);
        }
      }
    }

    private void fail(Status status) {
      stop();
      synchronized (this) {
        out.onError(status.asRuntimeException());
      }
    }

    private synchronized void finish() {
      stopTimers();
      if (!done) {
        done = true;
        out.onCompleted();
      }
    }

    private synchronized void stopTimers() {
      samplers.forEach(f -> f.cancel(false));
      samplers.clear();
      listeners.forEach(ports::removeListener);
      listeners.clear();
    }

    private synchronized void stop() {
      stopTimers();
      done = true;
    }

    @Override
    public void onError(Throwable t) {
      stop();
    }

    @Override
    public void onCompleted() {
      finish();
    }
  }
}
