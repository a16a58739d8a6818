package net.vdn.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Duration;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.rest.RestServer;
import net.vdn.emulation.EmulatedHost;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.emulation.UdpReceiver;

/**
 * The emulated hosts over HTTP, so that the README's walkthrough can ping and send traffic between
 * them: {@code GET /emulation/hosts}, {@code POST /emulation/ping} and {@code POST
 * /emulation/traffic}. Not part of the controller's API: it exists only beside an emulation.
 */
final class EmulationApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRAFFIC_PORT = 5001;

  private EmulationApi() {}

  static void register(RestServer.Routes routes, EmulatedNetwork net) {
    routes.get("/emulation/hosts", ctx -> hosts(ctx, net));
    routes.post("/emulation/ping", ctx -> ping(ctx, net));
    routes.post("/emulation/traffic", ctx -> traffic(ctx, net));
  }

  private static void hosts(Context ctx, EmulatedNetwork net) {
    ArrayNode a = JSON.createArrayNode();
    for (Topology.Host h : net.topology().hosts()) {
      a.addObject()
          .put("name", h.name())
          .put("ip", h.ip())
          .put("mac", h.mac())
          .put("attachedTo", h.switchName() + ":" + h.port());
    }
    ctx.contentType("application/json").result(a.toPrettyString());
  }

  private static void ping(Context ctx, EmulatedNetwork net) throws InterruptedException {
    JsonNode body = body(ctx);
    EmulatedHost from = host(net, text(body, "from"));
    String to = text(body, "to");
    Duration rtt = from.ping(to, Duration.ofSeconds(2));
    ObjectNode o = JSON.createObjectNode().put("from", from.name()).put("to", to);
    o.put("reply", rtt != null);
    if (rtt != null) {
      o.put("rttMs", rtt.toNanos() / 1e6);
    }
    ctx.contentType("application/json").result(o.toPrettyString());
  }

  private static void traffic(Context ctx, EmulatedNetwork net) throws InterruptedException {
    JsonNode body = body(ctx);
    EmulatedHost from = host(net, text(body, "from"));
    String to = text(body, "to");
    EmulatedHost receiver =
        net.topology().hosts().stream()
            .filter(h -> h.ip().equals(to))
            .findFirst()
            .map(h -> net.host(h.name()))
            .orElseThrow(() -> new NotFoundException("no emulated host has address " + to));
    double mbps = number(body, "mbps", 10, 0.01, 1000);
    double seconds = number(body, "seconds", 2, 0.1, 30);
    int bytes = (int) number(body, "bytes", 1000, 64, 1400);
    UdpReceiver rx = receiver.listen(TRAFFIC_PORT);
    rx.reset();
    long sent =
        from.sendUdp(
            to, TRAFFIC_PORT, (long) (mbps * 1e6), bytes, Duration.ofNanos((long) (seconds * 1e9)));
    Thread.sleep(300);
    ObjectNode o = JSON.createObjectNode().put("from", from.name()).put("to", to);
    o.put("offeredMbps", mbps);
    o.put("sent", sent);
    o.put("received", rx.packets());
    o.put("deliveredMbps", Math.round(rx.bitsPerSecond() / 1e4) / 100.0);
    o.put("lossPercent", sent == 0 ? 0 : Math.round(1000.0 * (sent - rx.packets()) / sent) / 10.0);
    ctx.contentType("application/json").result(o.toPrettyString());
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode n = JSON.readTree(ctx.body());
      if (n == null || !n.isObject()) {
        throw new ConfigException("body", "must be a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException("body", "not JSON: " + e.getOriginalMessage());
    }
  }

  private static EmulatedHost host(EmulatedNetwork net, String name) {
    try {
      return net.host(name);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("no emulated host '" + name + "'");
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || !n.isTextual()) {
      throw new ConfigException(field, "a string is required");
    }
    return n.asText();
  }

  private static double number(JsonNode body, String field, double dflt, double min, double max) {
    JsonNode n = body.get(field);
    if (n == null) {
      return dflt;
    }
    if (!n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
      throw new ConfigException(field, "a number in " + min + ".." + max + " is required");
    }
    return n.asDouble();
  }
}
