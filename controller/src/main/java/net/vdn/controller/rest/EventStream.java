package net.vdn.controller.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.Port;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.security.Principal;
import net.vdn.controller.services.Services;
import net.vdn.controller.slice.Slice;
import net.vdn.controller.slice.SliceEvent;
import net.vdn.controller.slice.SliceListener;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: what happens in the network, as server-sent events to callers that
 * accept {@code text/event-stream}, or the newest events as a JSON array to the others. Links going
 * down and up, ports, devices lost and back, slices created, changed, re-routed, degraded and
 * deleted. A tenant hears only about its own slices; operators hear everything. Every event has an
 * id, so a stream picked up again with {@code Last-Event-ID} misses nothing still kept.
 */
final class EventStream implements SliceListener, DeviceListener, TopologyListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventStream.class);

  /** How many events are kept for late joiners and the JSON answer. */
  static final int KEPT = 500;

  private static final long HEARTBEAT_SECONDS = 15;

  /** One event: its tenant (null for the network's own events, which only operators see). */
  private record Event(long id, String tenant, String type, ObjectNode json) {}

  private record Subscriber(Principal caller, SseClient client) {}

  private final Services services;
  private final ArrayDeque<Event> kept = new ArrayDeque<>();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final Map<String, String> sliceTenants = new ConcurrentHashMap<>();
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(r -> daemon(r, "vdn-events"));
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vdn-events-heartbeat"));
  private long nextId = 1;

  EventStream(Services services) {
    this.services = services;
    services.slices().list().forEach(s -> sliceTenants.put(s.name(), s.spec().tenant()));
    services.slices().addListener(this);
    services.devices().addListener(this);
    services.topology().addListener(this);
    heartbeat.scheduleAtFixedRate(
        () -> {
          if (!sender.isShutdown()) {
            sender.execute(this::beat);
          }
        },
        HEARTBEAT_SECONDS,
        HEARTBEAT_SECONDS,
        TimeUnit.SECONDS);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  // ------------------------------------------------------------------ what is heard

  @Override
  public void sliceChanged(SliceEvent e) {
    String name = e.slice();
    // Called on the slice service's thread: its own lock is re-entrant, and nothing here waits.
    String tenant =
        services.slices().get(name).map(s -> s.spec().tenant()).orElse(sliceTenants.get(name));
    if (tenant == null) {
      tenant = "";
    }
    if (e.type() == SliceEvent.Type.DELETED) {
      sliceTenants.remove(name);
    } else {
      sliceTenants.put(name, tenant);
    }
    ObjectNode o = RestServer.JSON.createObjectNode();
    o.put("slice", name);
    o.put("tenant", tenant);
    Slice s = services.slices().get(name).orElse(null);
    if (s != null) {
      o.put("status", s.status().name().toLowerCase());
      ArrayNode paths = o.putArray("paths");
      s.paths().forEach(p -> p.links().forEach(l -> paths.add(l.toString())));
    }
    if (e.detail() != null) {
      o.put("detail", e.detail());
    }
    publish(tenant, "slice-" + e.type().name().toLowerCase(), o);
  }

  @Override
  public void deviceChanged(Device before, Device after) {
    boolean was = before != null && before.available();
    boolean is = after != null && after.available();
    String name = after != null ? after.name() : before.name();
    ObjectNode o = RestServer.JSON.createObjectNode();
    o.put("device", name);
    if (after == null) {
      publish(null, "device-removed", o);
    } else if (was && !is) {
      o.put("state", after.state().name().toLowerCase());
      if (after.lastError() != null) {
        o.put("detail", after.lastError());
      }
      publish(null, "device-lost", o);
    } else if (!was && is) {
      publish(null, before == null ? "device-added" : "device-back", o);
    }
  }

  @Override
  public void portChanged(String device, Port before, Port after) {
    // A port seen for the first time, or one whose counters moved, is no event.
    if (before == null
        || after == null
        || (before.live() == after.live() && before.enabled() == after.enabled())) {
      return;
    }
    ObjectNode o = RestServer.JSON.createObjectNode();
    o.put("device", device);
    o.put("port", after.number());
    o.put("enabled", after.enabled());
    publish(null, after.live() ? "port-up" : "port-down", o);
  }

  @Override
  public void linkAdded(Link link) {
    publish(null, "link-up", link(link));
  }

  @Override
  public void linkRemoved(Link link, String why) {
    ObjectNode o = link(link);
    if (why != null) {
      o.put("detail", why);
    }
    publish(null, "link-down", o);
  }

  private static ObjectNode link(Link l) {
    ObjectNode o = RestServer.JSON.createObjectNode();
    o.put("link", l.toString());
    o.put("src", l.src().toString());
    o.put("dst", l.dst().toString());
    return o;
  }

  private void publish(String tenant, String type, ObjectNode fields) {
    if (!sender.isShutdown()) {
      sender.execute(() -> send(tenant, type, fields));
    }
  }

  // ------------------------------------------------------------------ what is told

  /** On the sender's thread only. */
  private void send(String tenant, String type, ObjectNode fields) {
    ObjectNode o = RestServer.JSON.createObjectNode();
    Event e;
    synchronized (kept) {
      o.put("id", nextId);
      o.put("time", Instant.now().toString());
      o.put("type", type);
      o.setAll(fields);
      e = new Event(nextId++, tenant, type, o);
      kept.addLast(e);
      if (kept.size() > KEPT) {
        kept.removeFirst();
      }
    }
    for (Subscriber s : subscribers) {
      if (sees(s.caller(), e)) {
        deliver(s, e);
      }
    }
  }

  private void deliver(Subscriber s, Event e) {
    try {
      s.client().sendEvent(e.type(), e.json().toString(), Long.toString(e.id()));
    } catch (RuntimeException x) {
      drop(s, x);
    }
    if (s.client().terminated()) {
      drop(s, null);
    }
  }

  private void drop(Subscriber s, RuntimeException why) {
    if (subscribers.remove(s) && why != null) {
      log.debug("events: {} went away: {}", s.caller().subject(), why.toString());
    }
  }

  private void beat() {
    for (Subscriber s : subscribers) {
      try {
        s.client().sendComment("keep-alive");
      } catch (RuntimeException x) {
        drop(s, x);
      }
      if (s.client().terminated()) {
        drop(s, null);
      }
    }
  }

  private static boolean sees(Principal caller, Event e) {
    return caller.operator() || (e.tenant() != null && e.tenant().equals(caller.tenant()));
  }

  private List<Event> keptFor(Principal caller, long after) {
    synchronized (kept) {
      return kept.stream().filter(e -> e.id() > after && sees(caller, e)).toList();
    }
  }

  // ------------------------------------------------------------------ the route

  void handle(Context ctx) throws Exception {
    Principal caller = Guard.principal(ctx);
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      int limit = limit(ctx);
      List<Event> events = keptFor(caller, after(ctx.queryParam("after"), "after"));
      ArrayNode a = RestServer.JSON.createArrayNode();
      events
          .subList(Math.max(0, events.size() - limit), events.size())
          .forEach(e -> a.add(e.json()));
      RestServer.json(ctx, 200, a);
      return;
    }
    long after = after(ctx.header("Last-Event-ID"), "Last-Event-ID");
    new SseHandler(
            client -> {
              client.keepAlive();
              sender.execute(
                  () -> {
                    keptFor(caller, after)
                        .forEach(
                            e ->
                                client.sendEvent(
                                    e.type(), e.json().toString(), Long.toString(e.id())));
                    Subscriber s = new Subscriber(caller, client);
                    subscribers.add(s);
                    client.onClose(() -> subscribers.remove(s));
                  });
            })
        .handle(ctx);
  }

  private static int limit(Context ctx) {
    String l = ctx.queryParam("limit");
    try {
      int limit = l == null ? 100 : Integer.parseInt(l);
      if (limit < 1 || limit > KEPT) {
        throw new ConfigException("limit", "outside 1.." + KEPT + ": " + limit);
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new ConfigException("limit", "must be a number, got '" + l + "'");
    }
  }

  private static long after(String value, String field) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(field, "must be an event id, got '" + value + "'");
    }
  }

  /** How many callers are listening (for tests and metrics). */
  int listening() {
    return subscribers.size();
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    subscribers.forEach(s -> s.client().close());
    subscribers.clear();
    sender.shutdownNow();
  }
}
