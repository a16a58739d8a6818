package net.vdn.controller.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.vdn.controller.device.Device;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.DeviceRefusedException;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.ForbiddenException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.error.StoreUnavailableException;
import net.vdn.controller.error.UnauthenticatedException;
import net.vdn.controller.optical.OpticalFailure;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.portal.Portal;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.controller.security.SecurityService;
import net.vdn.controller.services.Services;
import net.vdn.controller.slice.Slice;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.slice.SliceSpec;
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
  static final String API = "/api/v1";

  private final Services services;
  private final SecurityService security;
  private final Supplier<String> metrics;
  private final Views views;
  private final EventStream events;
  private final FederationApi federation;
  private Javalin app;

  private RestServer(Services services, SecurityService security, Supplier<String> metrics) {
    this.services = services;
    this.security = security;
    this.metrics = metrics;
    this.views = new Views(services);
    this.events = new EventStream(services);
    this.federation = new FederationApi(services.federation(), security::grants);
  }

  /**
   * Starts the API on a host and port (0 for any free port).
   *
   * @param security who may call what; every route but health and sign-in goes through it
   * @param metrics the metrics in Prometheus' text format, read at each scrape
   * @param tls HTTPS (and only HTTPS) when not null
   * @param extra more routes (the main job adds its emulation's; operators only)
   */
  public static RestServer start(
      Services services,
      SecurityService security,
      Supplier<String> metrics,
      String host,
      int port,
      SecurityOptions.Tls tls,
      Consumer<Routes> extra) {
    RestServer server = new RestServer(services, security, metrics);
    Guard guard = new Guard(security);
    server.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              if (tls != null) {
                Https.configure(config, host, port, tls);
              }
              Portal.serve(config);
              config.routes.before(guard::before);
              config.routes.after(guard::after);
              Routes r = new Routes(config, guard);
              server.routes(r);
              new SecurityApi(security, tls != null).register(r);
              server.federation.register(r);
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
    if (tls != null) {
      server.app.start();
    } else {
      server.app.start(host, port);
    }
    return server;
  }

  public int port() {
    return app.port();
  }

  /** Route registration for this server and for callers adding their own. */
  public static final class Routes {
    private final io.javalin.config.JavalinConfig config;
    private final Guard guard;

    Routes(io.javalin.config.JavalinConfig config, Guard guard) {
      this.config = config;
      this.guard = guard;
    }

    public void get(String path, Handler h) {
      config.routes.get(path, guard.wrap(HandlerType.GET, path, h));
    }

    public void post(String path, Handler h) {
      config.routes.post(path, guard.wrap(HandlerType.POST, path, h));
    }

    public void put(String path, Handler h) {
      config.routes.put(path, guard.wrap(HandlerType.PUT, path, h));
    }

    public void delete(String path, Handler h) {
      config.routes.delete(path, guard.wrap(HandlerType.DELETE, path, h));
    }
  }

  private void routes(Routes r) {
    r.get(API + "/health", this::health);
    r.get(API + "/openapi.json", RestServer::openApi);
    r.get(API + "/devices", ctx -> json(ctx, 200, views.devices()));
    r.post(API + "/devices", this::addDevice);
    r.get(API + "/devices/{name}", ctx -> json(ctx, 200, views.device(requireDevice(ctx))));
    r.delete(API + "/devices/{name}", this::removeDevice);
    r.get(
        API + "/devices/{name}/ports",
        ctx -> json(ctx, 200, views.ports(requireDevice(ctx).name())));
    r.put(API + "/devices/{name}/ports/{port}", this::setPort);
    r.post(
        API + "/devices/{name}/reconcile",
        ctx -> json(ctx, 200, services.devices().reconcile(requireDevice(ctx).name())));
    r.get(API + "/links", ctx -> json(ctx, 200, views.links()));
    r.get(API + "/hosts", ctx -> json(ctx, 200, views.hosts()));
    r.get(API + "/events", events::handle);
    r.get(API + "/slices", this::listSlices);
    r.post(API + "/slices", this::createSlice);
    r.get(API + "/slices/{name}", this::getSlice);
    r.put(API + "/slices/{name}", this::modifySlice);
    r.delete(API + "/slices/{name}", this::deleteSlice);
    r.get(API + "/slices/{name}/stats", this::sliceStats);
    r.get(API + "/openflow/switches", ctx -> json(ctx, 200, views.openflowSwitches()));
    r.get(API + "/optical/devices", ctx -> json(ctx, 200, views.opticalDevices()));
    r.post(API + "/optical/devices", this::addOptical);
    r.delete(API + "/optical/devices/{name}", this::removeOptical);
    r.get(API + "/optical/devices/{name}/channels", this::opticalChannels);
    r.get(API + "/optical/routes", ctx -> json(ctx, 200, services.optical().routes()));
    r.get(API + "/cluster", ctx -> json(ctx, 200, services.cluster().view()));
    r.post(API + "/optical/routes", this::putRoute);
    r.get(
        "/metrics",
        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()));
  }

  // ------------------------------------------------------------------ handlers

  private void health(Context ctx) {
    ObjectNode o = JSON.createObjectNode();
    List<Device> devices = services.devices().devices();
    long available = devices.stream().filter(Device::available).count();
    o.put("status", available == devices.size() ? "ok" : "degraded");
    o.put("devices", devices.size());
    o.put("devicesAvailable", available);
    o.put("links", services.topology().links().size());
    o.put("hosts", services.hosts().hosts().size());
    o.put("slices", services.slices().list().size());
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
    Device d = services.devices().add(Requests.device(Requests.object(ctx.body())));
    log.info("REST: device {} added", d.name());
    json(ctx, 201, views.device(d));
  }

  private void removeDevice(Context ctx) {
    String name = requireDevice(ctx).name();
    for (Slice s : services.slices().list()) {
      if (s.devices().contains(name)) {
        throw new DuplicateException(
            "device '" + name + "' carries slice '" + s.name() + "'; delete it first");
      }
    }
    services.devices().remove(name);
    ctx.status(204);
  }

  private void setPort(Context ctx) {
    Device d = requireDevice(ctx);
    int port = pathInt(ctx, "port");
    boolean enabled = Requests.enabled(Requests.object(ctx.body()));
    json(ctx, 200, Views.port(services.devices().setPortEnabled(d.name(), port, enabled)));
  }

  /** The caller's slices; an inter-domain one with its domains and their segments. */
  private void listSlices(Context ctx) {
    ArrayNode a = JSON.createArrayNode();
    for (Slice s : slices(ctx).list()) {
      a.add(federation.viewOf(s.name(), s).orElseGet(() -> Views.slice(s)));
    }
    json(ctx, 200, a);
  }

  private void getSlice(Context ctx) {
    Slice s = requireSlice(ctx);
    json(ctx, 200, federation.viewOf(s.name(), s).orElseGet(() -> Views.slice(s)));
  }

  private void createSlice(Context ctx) {
    ObjectNode body = Requests.object(ctx.body());
    if (FederationApi.isInterDomain(body)) {
      federation.create(ctx, body);
      return;
    }
    SliceSpec spec = Requests.slice(body, null);
    SliceService slices = slices(ctx);
    boolean existed = slices.get(spec.name()).isPresent();
    Slice s = slices.create(spec);
    json(ctx, existed ? 200 : 201, Views.slice(s));
  }

  private void modifySlice(Context ctx) {
    requireSlice(ctx);
    if (federation.knows(ctx.pathParam("name"))) {
      federation.modify(ctx, Requests.object(ctx.body()), ctx.pathParam("name"));
      return;
    }
    SliceSpec spec = Requests.slice(Requests.object(ctx.body()), ctx.pathParam("name"));
    json(ctx, 200, Views.slice(slices(ctx).modify(spec)));
  }

  private void deleteSlice(Context ctx) {
    if (federation.knows(requireSlice(ctx).name())) {
      federation.delete(ctx, ctx.pathParam("name"));
      return;
    }
    slices(ctx).delete(requireSlice(ctx).name());
    ctx.status(204);
  }

  private void sliceStats(Context ctx) {
    Slice s = requireSlice(ctx);
    ObjectNode o = JSON.valueToTree(slices(ctx).counters(s.name()));
    o.put("slice", s.name());
    // When the counters were read, so that rates come from two readings' own times.
    o.put("readAtMs", System.currentTimeMillis());
    json(ctx, 200, o);
  }

  private void addOptical(Context ctx) {
    var d = services.optical().add(Requests.opticalDevice(Requests.object(ctx.body())));
    json(ctx, 201, Views.optical(d));
  }

  private void removeOptical(Context ctx) {
    services.optical().remove(ctx.pathParam("name"));
    ctx.status(204);
  }

  private void opticalChannels(Context ctx) {
    json(ctx, 200, services.optical().channels(ctx.pathParam("name")));
  }

  private void putRoute(Context ctx) {
    var route = Requests.opticalRoute(Requests.object(ctx.body()));
    services.optical().putRoute(route);
    json(ctx, 201, route);
  }

  // ------------------------------------------------------------------ helpers

  private Device requireDevice(Context ctx) {
    return services
        .devices()
        .device(ctx.pathParam("name"))
        .orElseThrow(() -> new NotFoundException("no device '" + ctx.pathParam("name") + "'"));
  }

  /** The slices as this request's caller may see and change them. */
  private SliceService slices(Context ctx) {
    return security.slices(Guard.principal(ctx));
  }

  private Slice requireSlice(Context ctx) {
    return slices(ctx)
        .get(ctx.pathParam("name"))
        .orElseThrow(() -> new NotFoundException("no slice '" + ctx.pathParam("name") + "'"));
  }

  static int pathInt(Context ctx, String param) {
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
    ctx.attribute(Guard.ERROR, e.getMessage());
    switch (e) {
      case UnauthenticatedException u -> {
        ctx.header("WWW-Authenticate", "Bearer realm=\"vdn\"");
        send(ctx, 401, "UNAUTHENTICATED", null, u.getMessage());
      }
      case ForbiddenException f -> send(ctx, 403, "FORBIDDEN", f.field(), f.getMessage());
      case ConfigException c -> send(ctx, 400, "BAD_REQUEST", c.field(), c.getMessage());
      case NotFoundException n -> send(ctx, 404, "NOT_FOUND", null, n.getMessage());
      case AdmissionException a -> send(ctx, 409, "ADMISSION_REFUSED", null, a.getMessage());
      case DuplicateException d -> send(ctx, 409, "CONFLICT", null, d.getMessage());
      case OpticalFailure o -> {
        log.warn(
            "REST {} {}: optical device refused: {}", ctx.method(), ctx.path(), o.getMessage());
        send(ctx, 502, "OPTICAL_ERROR", null, o.getMessage());
      }
      case DeviceUnavailableException d ->
          send(ctx, 503, "DEVICE_UNAVAILABLE", null, d.getMessage());
      case StoreUnavailableException s -> send(ctx, 503, "STORE_UNAVAILABLE", null, s.getMessage());
      case DeviceRefusedException d -> {
        log.warn("REST {} {}: {}", ctx.method(), ctx.path(), d.getMessage());
        send(ctx, 502, "DEVICE_ERROR", null, d.getMessage());
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
        send(ctx, 500, "INTERNAL", null, "internal error; the controller's log has the details");
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
        API + "/devices/{name}/reconcile",
        API + "/links",
        API + "/hosts",
        API + "/events",
        API + "/slices",
        API + "/slices/{name}",
        API + "/slices/{name}/stats",
        API + "/openflow/switches",
        API + "/optical/devices",
        API + "/optical/devices/{name}",
        API + "/optical/devices/{name}/channels",
        API + "/optical/routes",
        API + "/cluster",
        API + "/whoami",
        API + "/grants",
        API + "/grants/{tenant}/{device}/{port}",
        API + "/tokens",
        API + "/tokens/{id}",
        API + "/audit",
        API + "/federation",
        "/auth/saml/login",
        "/auth/saml/acs",
        "/auth/saml/metadata",
        "/auth/logout");
  }

  @Override
  public void close() {
    events.close();
    if (app != null) {
      app.stop();
    }
  }
}
