package net.vdn.gnmi.internal;

import java.util.List;
import net.vdn.gnmi.DataType;
import net.vdn.gnmi.Encoding;
import net.vdn.gnmi.GnmiPath;
import net.vdn.gnmi.Notification;
import net.vdn.gnmi.Subscription;
import net.vdn.gnmi.SubscriptionList;
import net.vdn.gnmi.proto.GetRequest;
import net.vdn.gnmi.proto.Poll;
import net.vdn.gnmi.proto.SetRequest;
import net.vdn.gnmi.proto.SubscribeRequest;
import net.vdn.gnmi.wire.Wire;

/** The client's requests as gNMI messages: Get, Set, Subscribe and Poll. */
public final class Requests {
  private Requests() {}

  public static GetRequest get(List<GnmiPath> paths, Encoding encoding, DataType type) {
    var req =
        GetRequest.newBuilder()
            .setEncoding(Wire.encoding(encoding))
            .setType(GetRequest.DataType.valueOf(type.name()));
    for (GnmiPath p : paths) {
      req.addPath(Wire.path(p));
    }
    return req.build();
  }

  /** One transaction; the target applies the deletes, then the replaces, then the updates. */
  public static SetRequest set(
      List<GnmiPath> deletes,
      List<Notification.Update> replaces,
      List<Notification.Update> updates) {
    var req = SetRequest.newBuilder();
    for (GnmiPath p : deletes) {
      req.addDelete(Wire.path(p));
    }
    for (Notification.Update u : replaces) {
      req.addReplace(update(u));
    }
    for (Notification.Update u : updates) {
      req.addUpdate(update(u));
    }
    return req.build();
  }

  private static net.vdn.gnmi.proto.Update update(Notification.Update u) {
    return net.vdn.gnmi.proto.Update.newBuilder()
        .setPath(Wire.path(u.path()))
        .setVal(Wire.value(u.value()))
        .build();
  }

  public static SubscribeRequest subscribe(SubscriptionList list) {
    var out =
        net.vdn.gnmi.proto.SubscriptionList.newBuilder()
            .setMode(net.vdn.gnmi.proto.SubscriptionList.Mode.valueOf(list.mode().name()))
            .setEncoding(Wire.encoding(list.encoding()))
            .setUpdatesOnly(list.updatesOnly());
    if (!list.prefix().isRoot() || !list.prefix().origin().isEmpty()) {
      out.setPrefix(Wire.path(list.prefix()));
    }
    for (Subscription s : list.subscriptions()) {
      out.addSubscription(
          net.vdn.gnmi.proto.Subscription.newBuilder()
              .setPath(Wire.path(s.path()))
              .setMode(net.vdn.gnmi.proto.SubscriptionMode.valueOf(s.mode().name()))
              .setSampleInterval(s.sampleInterval().toNanos())
              .setSuppressRedundant(s.suppressRedundant())
              .setHeartbeatInterval(s.heartbeatInterval().toNanos()));
    }
    return SubscribeRequest.newBuilder().setSubscribe(out).build();
  }

  public static SubscribeRequest poll() {
    return SubscribeRequest.newBuilder().setPoll(Poll.getDefaultInstance()).build();
  }
}
