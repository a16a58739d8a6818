package net.vdn.controller.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import net.vdn.controller.Controller;
import net.vdn.controller.device.ConfigException;
import net.vdn.controller.device.DeviceUnavailableException;
import net.vdn.controller.device.DuplicateException;
import net.vdn.controller.device.ManagedDevice;
import net.vdn.controller.device.NotFoundException;
import net.vdn.controller.device.PortInfo;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.Path;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.topology.Link;
import net.vdn.p4runtime.P4RuntimeException;
import net.vdn.p4runtime.TargetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The northbound REST API under {@code /api/v1} (its OpenAPI document at {@code
 * /api/v1/openapi.json}) and Prometheus metrics at {@code /metrics}. Errors are JSON objects with
 * the HTTP code, a short status, the field at fault when there is one, and a message.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RestServer.class);
  static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.INDENT_OUTPUT, true);
  private static final String API = "/api/v1";

  private final Controller controller;
  private Javalin app;

  private RestServer(Controller controller) {
    this.controller = controller;
  }

  /**
   * Starts the API on a host and port (0 for any free port).
   *
   * @param extra more routes (the main job adds its emulation's)
   */
  public static RestServer start(
      Controller controller, String host, int port, Consumer<Routes> extra) {
    RestServer server = new RestServer(controller);
    server.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              Routes r = new Routes(config);
              server.routes(r);
              extra.accept(r);
              config.routes.exception(Exception.class, (e, ctx) -> error(ctx, e));
              config.routes.error(
                  404,
                  "*",
                  ctx -> {
                    if (ctx.result() == null || ctx.result().isEmpty()) {
                      send(
                          ctx,
                          404,
                          "NOT_FOUND",
                          null,
                          "no route " + ctx.method() + " " + ctx.path());
                    }
                  });
            });
    server.app.start(host, port);
    return server;
  }

  public static RestServer start(Controller controller, String host, int port) {
    return start(controller, host, port, r -> {});
  }

  public int port() {
    return app.port();
  }

  /** Route registration for this server and for callers adding their own. */
  public static final class Routes {
    private final io.javalin.config.JavalinConfig config;

    Routes(io.javalin.config.JavalinConfig config) {
      this.config = config;
    }

    public void get(String path, Handler h) {
      config.routes.get(path, h);
    }

    public void post(String path, Handler h) {
      config.routes.post(path, h);
    }

    public void put(String path, Handler h) {
      config.routes.put(path, h);
    }

    public void delete(String path, Handler h) {
      config.routes.delete(path, h);
    }
  }

  private void routes(Routes r) {
    r.get(API + "/health", this::health);
    r.get(API + "/openapi.json", RestServer::openApi);
    r.get(API + "/devices", ctx -> json(ctx, 200, devices()));
    r.post(API + "/devices", this::addDevice);
    r.get(API + "/devices/{name}", ctx -> json(ctx, 200, device(requireDevice(ctx))));
    r.delete(API + "/devices/{name}", this::removeDevice);
    r.get(API + "/devices/{name}/ports", ctx -> json(ctx, 200, ports(requireDevice(ctx))));
    r.put(API + "/devices/{name}/ports/{port}", this::setPort);
    r.get(API + "/links", ctx -> json(ctx, 200, links()));
    r.get(API + "/hosts", ctx -> json(ctx, 200, hosts()));
    r.get(API + "/slices", ctx -> json(ctx, 200, slices()));
    r.post(API + "/slices", this::createSlice);
    r.get(API + "/slices/{name}", ctx -> json(ctx, 200, slice(requireSlice(ctx))));
    r.put(API + "/slices/{name}", this::modifySlice);
    r.delete(API + "/slices/{name}", this::deleteSlice);
    r.get(API + "/slices/{name}/stats", this::sliceStats);
    r.get(API + "/openflow/switches", ctx -> json(ctx, 200, openflowSwitches()));
    r.get(API + "/optical/devices", ctx -> json(ctx, 200, opticalDevices()));
    r.post(API + "/optical/devices", this::addOptical);
    r.delete(API + "/optical/devices/{name}", this::removeOptical);
    r.get(API + "/optical/devices/{name}/channels", this::opticalChannels);
    r.get(API + "/optical/routes", ctx -> json(ctx, 200, controller.optical().routes()));
    r.post(API + "/optical/routes", this::putRoute);
    r.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(controller.metrics().scrape()));
  }

  // ------------------------------------------------------------------ handlers

  private void health(Context ctx) {
    ObjectNode o = JSON.createObjectNode();
    long available =
        controller.devices().all().stream()
            .filter(d -> d.state() == ManagedDevice.State.AVAILABLE)
            .count();
    int total = controller.devices().all().size();
    o.put("status", available == total ? "ok" : "degraded");
    o.put("devices", total);
    o.put("devicesAvailable", available);
    o.put("links", controller.graph().links().size());
    o.put("hosts", controller.hosts().hosts().size());
    o.put("slices", controller.slices().list().size());
    json(ctx, 200, o);
  }

  private static void openApi(Context ctx) {
    try (InputStream in = RestServer.class.getResourceAsStream("openapi.json")) {
      ctx.contentType("application/json")
          .result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void addDevice(Context ctx) {
    ManagedDevice d = controller.devices().add(Requests.device(Requests.object(ctx.body())));
    log.info("REST: device {} added", d.name());
    json(ctx, 201, device(d));
  }

  private void removeDevice(Context ctx) {
    String name = ctx.pathParam("name");
    requireDevice(ctx);
    for (SliceService.Slice s : controller.slices().list()) {
      if (s.rules().containsKey(name)) {
        throw new DuplicateException(
            "device '" + name + "' carries slice '" + s.spec().name() + "'; delete it first");
      }
    }
    controller.devices().remove(name);
    ctx.status(204);
  }

  private void setPort(Context ctx) {
    ManagedDevice d = requireDevice(ctx);
    int port = pathInt(ctx, "port");
    boolean enabled = Requests.enabled(Requests.object(ctx.body()));
    controller.devices().setPortEnabled(d.name(), port, enabled);
    json(ctx, 200, port(d.port(port)));
  }

  private void createSlice(Context ctx) {
    SliceSpec spec = Requests.slice(Requests.object(ctx.body()), null);
    boolean existed = controller.slices().get(spec.name()) != null;
    SliceService.Slice s = controller.slices().create(spec);
    json(ctx, existed ? 200 : 201, slice(s));
  }

  private void modifySlice(Context ctx) {
    requireSlice(ctx);
    SliceSpec spec = Requests.slice(Requests.object(ctx.body()), ctx.pathParam("name"));
    json(ctx, 200, slice(controller.slices().modify(spec)));
  }

  private void deleteSlice(Context ctx) {
    requireSlice(ctx);
    controller.slices().delete(ctx.pathParam("name"));
    ctx.status(204);
  }

  private void sliceStats(Context ctx) {
    SliceService.Slice s = requireSlice(ctx);
    SliceService.Stats st = controller.slices().stats(s.spec().name());
    ObjectNode o = JSON.valueToTree(st);
    o.put("slice", s.spec().name());
    json(ctx, 200, o);
  }

  private void addOptical(Context ctx) {
    var d = controller.optical().add(Requests.opticalDevice(Requests.object(ctx.body())));
    json(ctx, 201, optical(d));
  }

  private void removeOptical(Context ctx) {
    controller.optical().remove(ctx.pathParam("name"));
    ctx.status(204);
  }

  private void opticalChannels(Context ctx) {
    json(ctx, 200, controller.optical().channels(ctx.pathParam("name")));
  }

  private void putRoute(Context ctx) {
    var route = Requests.opticalRoute(Requests.object(ctx.body()));
    controller.optical().putRoute(route);
    json(ctx, 201, route);
  }

  // ------------------------------------------------------------------ views

  private ArrayNode openflowSwitches() {
    ArrayNode a = JSON.createArrayNode();
    if (controller.openflow() != null) {
      for (var m : controller.openflow().all()) {
        ObjectNode o = a.addObject();
        o.put("name", m.name());
        o.put("available", m.available());
        var sw = m.connection();
        o.put("connected", sw != null && sw.isConnected());
        o.put("mirrorEntries", m.mirrored());
        if (sw != null) {
          o.put("ports", sw.ports().size());
        }
        if (m.lastReconcile() != null) {
          o.set("lastReconcile", JSON.valueToTree(m.lastReconcile()));
        }
      }
    }
    return a;
  }

  private ArrayNode opticalDevices() {
    ArrayNode a = JSON.createArrayNode();
    controller.optical().all().forEach(d -> a.add(optical(d)));
    return a;
  }

  private static ObjectNode optical(net.vdn.controller.optical.OpticalService.Managed d) {
    ObjectNode o = JSON.valueToTree(d.config());
    o.remove("password");
    o.put("connected", d.driver().isConnected());
    return o;
  }

  private ArrayNode devices() {
    ArrayNode a = JSON.createArrayNode();
    controller.devices().all().forEach(d -> a.add(device(d)));
    return a;
  }

  private ObjectNode device(ManagedDevice d) {
    ObjectNode o = JSON.valueToTree(d.config());
    o.put("state", d.state().name().toLowerCase());
    o.put("since", d.since().toString());
    if (d.lastError() != null) {
      o.put("lastError", d.lastError());
    }
    o.put("mirrorEntities", d.mirror().size());
    o.put("portCount", d.ports().size());
    if (d.lastReconcile() != null) {
      o.set("lastReconcile", JSON.valueToTree(d.lastReconcile()));
    }
    return o;
  }

  private ArrayNode ports(ManagedDevice d) {
    ArrayNode a = JSON.createArrayNode();
    d.ports().values().stream()
        .sorted(Comparator.comparingInt(PortInfo::number))
        .forEach(p -> a.add(port(p)));
    return a;
  }

  private static ObjectNode port(PortInfo p) {
    return JSON.valueToTree(p);
  }

  private ArrayNode links() {
    ArrayNode a = JSON.createArrayNode();
    controller.graph().links().stream()
        .sorted(Comparator.comparing(Link::toString))
        .forEach(l -> a.add(link(l)));
    return a;
  }

  private ObjectNode link(Link l) {
    ObjectNode o = JSON.createObjectNode();
    o.put("src", l.src().toString());
    o.put("dst", l.dst().toString());
    o.put("capacityBps", l.capacityBps());
    o.put("reservedBps", controller.ledger().reserved(l.src()));
    double u = controller.metrics().utilization(l);
    if (u >= 0) {
      o.put("utilization", u);
    } else {
      o.putNull("utilization");
    }
    return o;
  }

  private ArrayNode hosts() {
    ArrayNode a = JSON.createArrayNode();
    controller.hosts().hosts().stream()
        .sorted(Comparator.comparing(h -> h.ip()))
        .forEach(
            h -> {
              ObjectNode o = JSON.createObjectNode();
              o.put("mac", h.mac());
              o.put("ip", h.ip());
              o.put("location", h.location().toString());
              a.add(o);
            });
    return a;
  }

  private ArrayNode slices() {
    ArrayNode a = JSON.createArrayNode();
    controller.slices().list().forEach(s -> a.add(slice(s)));
    return a;
  }

  static ObjectNode slice(SliceService.Slice s) {
    SliceSpec spec = s.spec();
    ObjectNode o = JSON.createObjectNode();
    o.put("name", spec.name());
    o.put("tenant", spec.tenant());
    o.put("sliceId", spec.sliceId());
    ArrayNode eps = o.putArray("endpoints");
    for (Endpoint e : spec.endpoints()) {
      ObjectNode n = eps.addObject();
      n.put("device", e.device());
      n.put("port", e.port());
      if (e.srcPrefix() != null) {
        n.put("srcPrefix", e.srcPrefix().toString());
      }
      if (e.hostMac() != null) {
        n.put("hostMac", e.hostMac());
      }
    }
    o.put("cirBps", spec.cirBps());
    o.put("pirBps", spec.pirBps());
    o.put("trafficClass", spec.trafficClass());
    if (spec.wavelength() != null) {
      ObjectNode w = o.putObject("wavelength");
      w.putArray("between").add(spec.wavelength().siteA()).add(spec.wavelength().siteB());
      w.put("frequencyMhz", spec.wavelength().frequencyMhz());
      w.put("widthMhz", spec.wavelength().widthMhz());
    }
    o.put("status", s.degraded() == null ? "active" : "degraded");
    if (s.degraded() != null) {
      o.put("degradedReason", s.degraded());
    }
    ArrayNode paths = o.putArray("paths");
    for (Path p : s.paths()) {
      ArrayNode hops = paths.addArray();
      p.links().forEach(l -> hops.add(l.toString()));
    }
    ArrayNode devices = o.putArray("devices");
    s.rules().keySet().forEach(devices::add);
    return o;
  }

  // ------------------------------------------------------------------ helpers

  private ManagedDevice requireDevice(Context ctx) {
    ManagedDevice d = controller.devices().get(ctx.pathParam("name"));
    if (d == null) {
      throw new NotFoundException("no device '" + ctx.pathParam("name") + "'");
    }
    return d;
  }

  private SliceService.Slice requireSlice(Context ctx) {
    SliceService.Slice s = controller.slices().get(ctx.pathParam("name"));
    if (s == null) {
      throw new NotFoundException("no slice '" + ctx.pathParam("name") + "'");
    }
    return s;
  }

  private static int pathInt(Context ctx, String param) {
    try {
      return Integer.parseInt(ctx.pathParam(param));
    } catch (NumberFormatException e) {
      throw new ConfigException(param, "must be a number, got '" + ctx.pathParam(param) + "'");
    }
  }

  static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void error(Context ctx, Exception e) {
    switch (e) {
      case ConfigException c -> send(ctx, 400, "BAD_REQUEST", c.field(), c.getMessage());
      case NotFoundException n -> send(ctx, 404, "NOT_FOUND", null, n.getMessage());
      case AdmissionException a -> send(ctx, 409, "ADMISSION_REFUSED", null, a.getMessage());
      case DuplicateException d -> send(ctx, 409, "CONFLICT", null, d.getMessage());
      case net.vdn.controller.optical.OpticalFailure o -> {
        log.warn(
            "REST {} {}: optical device refused: {}", ctx.method(), ctx.path(), o.getMessage());
        send(ctx, 502, "OPTICAL_ERROR", null, o.getMessage());
      }
      case DeviceUnavailableException d ->
          send(ctx, 503, "DEVICE_UNAVAILABLE", null, d.getMessage());
      case TargetException t when t.code() == io.grpc.Status.Code.UNAVAILABLE ->
          send(ctx, 503, "DEVICE_UNAVAILABLE", null, t.getMessage());
      case P4RuntimeException p -> {
        log.warn("REST {} {}: device refused: {}", ctx.method(), ctx.path(), p.getMessage());
        send(ctx, 502, "DEVICE_ERROR", null, p.getMessage());
      }
      case IllegalArgumentException i -> {
        String m = i.getMessage() == null ? "bad input" : i.getMessage();
        int colon = m.indexOf(": ");
        String field =
            colon > 0 && !m.substring(0, colon).contains(" ") ? m.substring(0, colon) : null;
        send(ctx, 400, "BAD_REQUEST", field, m);
      }
      default -> {
        log.error("REST {} {} failed", ctx.method(), ctx.path(), e);
        send(ctx, 500, "INTERNAL", null, String.valueOf(e.getMessage()));
      }
    }
  }

  private static void send(Context ctx, int code, String status, String field, String message) {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode err = o.putObject("error");
    err.put("code", code);
    err.put("status", status);
    if (field != null) {
      err.put("field", field);
    }
    err.put("message", message);
    json(ctx, code, o);
  }

  /** Lists the API's routes (for the OpenAPI consistency test). */
  static List<String> paths() {
    return List.of(
        API + "/health",
        API + "/devices",
        API + "/devices/{name}",
        API + "/devices/{name}/ports",
        API + "/devices/{name}/ports/{port}",
        API + "/links",
        API + "/hosts",
        API + "/slices",
        API + "/slices/{name}",
        API + "/slices/{name}/stats",
        API + "/openflow/switches",
        API + "/optical/devices",
        API + "/optical/devices/{name}",
        API + "/optical/devices/{name}/channels",
        API + "/optical/routes");
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }
}
