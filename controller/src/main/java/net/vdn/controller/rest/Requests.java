package net.vdn.controller.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.controller.optical.OpticalRoute;
import net.vdn.controller.optical.Wavelength;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.packet.MacAddress;
import net.vdn.pipeconf.rule.Ipv4Prefix;

/**
 * Reads request bodies field by field, so that any problem is reported with the field it is in
 * ({@code endpoints[1].port}) and nothing is half-read into the controller.
 */
final class Requests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Requests() {}

  static ObjectNode object(String body) {
    if (body == null || body.isBlank()) {
      throw new ConfigException("body", "a JSON object is required");
    }
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ConfigException("body", "not JSON: " + e.getOriginalMessage());
    }
    if (!(n instanceof ObjectNode o)) {
      throw new ConfigException("body", "must be a JSON object");
    }
    return o;
  }

  /** A slice from {@code POST /slices} or {@code PUT /slices/{name}} (then the name is given). */
  static SliceSpec slice(ObjectNode o, String pathName) {
    known(
        o,
        "",
        Set.of(
            "name",
            "tenant",
            "sliceId",
            "endpoints",
            "cirBps",
            "pirBps",
            "burstMs",
            "trafficClass",
            "wavelength"));
    String name = pathName != null ? pathName : text(o, "name", true);
    if (pathName != null && o.has("name") && !pathName.equals(text(o, "name", true))) {
      throw new ConfigException("name", "differs from the slice named in the path");
    }
    // Optional here: a tenant's slices are its own; an operator must name one (TenantSlices).
    String tenant = text(o, "tenant", false);
    int sliceId = (int) integer(o, "sliceId", "sliceId", 1, 4094, null);
    JsonNode eps = o.get("endpoints");
    if (eps == null || !eps.isArray()) {
      throw new ConfigException("endpoints", "a list of at least two endpoints is required");
    }
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < eps.size(); i++) {
      String at = "endpoints[" + i + "]";
      if (!(eps.get(i) instanceof ObjectNode e)) {
        throw new ConfigException(at, "must be an object with device and port");
      }
      known(e, at + ".", Set.of("device", "port", "srcPrefix", "hostMac"));
      String device = text(e, "device", at + ".device", true);
      int port = (int) integer(e, "port", at + ".port", 1, 510, null);
      Ipv4Prefix prefix = null;
      String p = text(e, "srcPrefix", at + ".srcPrefix", false);
      if (p != null) {
        try {
          prefix = Ipv4Prefix.parse(p);
        } catch (RuntimeException x) {
          throw new ConfigException(at + ".srcPrefix", x.getMessage());
        }
      }
      String mac = text(e, "hostMac", at + ".hostMac", false);
      if (mac != null && (mac.indexOf('-') >= 0 || !MacAddress.isValid(mac))) {
        throw new ConfigException(at + ".hostMac", "needs xx:xx:xx:xx:xx:xx, got '" + mac + "'");
      }
      endpoints.add(new Endpoint(device, port, prefix, mac == null ? null : mac.toLowerCase()));
    }
    long cir = integer(o, "cirBps", "cirBps", 1, Long.MAX_VALUE, null);
    long pir = integer(o, "pirBps", "pirBps", 1, Long.MAX_VALUE, cir);
    int burst = (int) integer(o, "burstMs", "burstMs", 1, SliceSpec.MAX_BURST_MS, 0L);
    int tc = (int) integer(o, "trafficClass", "trafficClass", 0, 7, 0L);
    return new SliceSpec(name, tenant, sliceId, endpoints, cir, pir, burst, tc, wavelength(o));
  }

  private static Wavelength wavelength(ObjectNode o) {
    JsonNode n = o.get("wavelength");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!(n instanceof ObjectNode w)) {
      throw new ConfigException("wavelength", "must be an object with 'between'");
    }
    known(w, "wavelength.", Set.of("between", "frequencyMhz", "widthMhz"));
    JsonNode between = w.get("between");
    if (between == null
        || !between.isArray()
        || between.size() != 2
        || !between.get(0).isTextual()
        || !between.get(1).isTextual()) {
      throw new ConfigException("wavelength.between", "needs two site names");
    }
    Long freq =
        w.has("frequencyMhz")
            ? integer(w, "frequencyMhz", "wavelength.frequencyMhz", 1, Long.MAX_VALUE, null)
            : null;
    int width = (int) integer(w, "widthMhz", "wavelength.widthMhz", 1, 1_000_000, 0L);
    return new Wavelength(between.get(0).textValue(), between.get(1).textValue(), freq, width);
  }

  static OpticalDeviceConfig opticalDevice(ObjectNode o) {
    known(
        o,
        "",
        Set.of(
            "name",
            "driver",
            "host",
            "port",
            "user",
            "password",
            "privateKey",
            "hostKey",
            "tid",
            "model"));
    return new OpticalDeviceConfig(
        text(o, "name", true),
        text(o, "driver", true),
        text(o, "host", true),
        (int) integer(o, "port", "port", 1, 65535, null),
        text(o, "user", true),
        text(o, "password", false),
        text(o, "privateKey", false),
        text(o, "hostKey", false),
        text(o, "tid", false),
        text(o, "model", false));
  }

  static OpticalRoute opticalRoute(ObjectNode o) {
    known(o, "", Set.of("siteA", "siteB", "hops"));
    JsonNode hops = o.get("hops");
    if (hops == null || !hops.isArray()) {
      throw new ConfigException("hops", "a list of {device, sourcePort, destinationPort}");
    }
    List<OpticalRoute.Hop> out = new ArrayList<>();
    for (int i = 0; i < hops.size(); i++) {
      String at = "hops[" + i + "]";
      if (!(hops.get(i) instanceof ObjectNode h)) {
        throw new ConfigException(at, "must be an object");
      }
      known(h, at + ".", Set.of("device", "sourcePort", "destinationPort"));
      out.add(
          new OpticalRoute.Hop(
              text(h, "device", at + ".device", true),
              text(h, "sourcePort", at + ".sourcePort", true),
              text(h, "destinationPort", at + ".destinationPort", true)));
    }
    return new OpticalRoute(text(o, "siteA", true), text(o, "siteB", true), out);
  }

  static DeviceConfig device(ObjectNode o) {
    known(
        o,
        "",
        Set.of(
            "name",
            "driver",
            "p4runtime",
            "deviceId",
            "pipeconf",
            "gnmi",
            "ports",
            "portSpeedBps"));
    List<Integer> ports = null;
    JsonNode p = o.get("ports");
    if (p != null && !p.isNull()) {
      if (!p.isArray()) {
        throw new ConfigException("ports", "must be a list of port numbers");
      }
      ports = new ArrayList<>();
      for (int i = 0; i < p.size(); i++) {
        if (!p.get(i).canConvertToInt() || !p.get(i).isIntegralNumber()) {
          throw new ConfigException("ports[" + i + "]", "must be a port number");
        }
        ports.add(p.get(i).intValue());
      }
    }
    return new DeviceConfig(
        text(o, "name", true),
        text(o, "driver", false),
        text(o, "p4runtime", true),
        integer(o, "deviceId", "deviceId", 0, Long.MAX_VALUE, null),
        text(o, "pipeconf", false),
        text(o, "gnmi", false),
        ports,
        o.has("portSpeedBps")
            ? integer(o, "portSpeedBps", "portSpeedBps", 1, Long.MAX_VALUE, null)
            : null);
  }

  static boolean enabled(ObjectNode o) {
    known(o, "", Set.of("enabled"));
    JsonNode n = o.get("enabled");
    if (n == null || !n.isBoolean()) {
      throw new ConfigException("enabled", "true or false is required");
    }
    return n.booleanValue();
  }

  static void known(ObjectNode o, String prefix, Set<String> fields) {
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!fields.contains(f)) {
        throw new ConfigException(
            prefix + f,
            "unknown field; known: " + String.join(", ", fields.stream().sorted().toList()));
      }
    }
  }

  private static String text(ObjectNode o, String field, boolean required) {
    return text(o, field, field, required);
  }

  static String text(ObjectNode o, String field, String path, boolean required) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new ConfigException(path, "is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw new ConfigException(
          path, "must be a string, got " + n.getNodeType().name().toLowerCase());
    }
    return n.textValue();
  }

  static long integer(ObjectNode o, String field, String path, long min, long max, Long dflt) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      if (dflt == null) {
        throw new ConfigException(path, "is required");
      }
      return dflt;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new ConfigException(path, "must be a whole number, got " + n);
    }
    long v = n.longValue();
    if (v < min || v > max) {
      throw new ConfigException(
          path, "outside " + min + ".." + (max == Long.MAX_VALUE ? "" : max) + ": " + v);
    }
    return v;
  }
}
