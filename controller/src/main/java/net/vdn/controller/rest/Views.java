package net.vdn.controller.rest;

import static net.vdn.controller.rest.RestServer.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceKind;
import net.vdn.controller.device.Port;
import net.vdn.controller.optical.OpticalDeviceState;
import net.vdn.controller.path.Path;
import net.vdn.controller.services.Services;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.Slice;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.slice.SliceStatus;
import net.vdn.controller.topology.Link;

/** How the REST API shows the controller's objects as JSON. */
final class Views {
  private final Services services;

  Views(Services services) {
    this.services = services;
  }

  ArrayNode openflowSwitches() {
    ArrayNode a = JSON.createArrayNode();
    for (Device d : services.devices().devices()) {
      if (d.kind() == DeviceKind.OPENFLOW) {
        ObjectNode o = a.addObject();
        o.put("name", d.name());
        o.put("available", d.available());
        o.put("connected", d.address() != null && d.available());
        o.put("address", d.address());
        o.put("mirrorEntries", d.mirrorEntries());
        o.put("ports", services.devices().ports(d.name()).size());
        if (d.lastReconcile() != null) {
          o.set("lastReconcile", JSON.valueToTree(d.lastReconcile()));
        }
      }
    }
    return a;
  }

  ArrayNode opticalDevices() {
    ArrayNode a = JSON.createArrayNode();
    services.optical().devices().forEach(d -> a.add(optical(d)));
    return a;
  }

  static ObjectNode optical(OpticalDeviceState d) {
    ObjectNode o = JSON.valueToTree(d.config());
    o.remove("password");
    o.put("connected", d.connected());
    return o;
  }

  ArrayNode devices() {
    ArrayNode a = JSON.createArrayNode();
    services.devices().devices().forEach(d -> a.add(device(d)));
    return a;
  }

  ObjectNode device(Device d) {
    ObjectNode o = d.config() != null ? JSON.valueToTree(d.config()) : JSON.createObjectNode();
    o.put("name", d.name());
    o.put("kind", d.kind().name().toLowerCase());
    if (d.address() != null) {
      o.put("address", d.address());
    }
    o.put("state", d.state().name().toLowerCase());
    o.put("since", d.since().toString());
    if (d.lastError() != null) {
      o.put("lastError", d.lastError());
    }
    o.put("mirrorEntities", d.mirrorEntries());
    o.put("portCount", services.devices().ports(d.name()).size());
    if (d.lastReconcile() != null) {
      o.set("lastReconcile", JSON.valueToTree(d.lastReconcile()));
    }
    o.put("restarts", d.stateLosses());
    return o;
  }

  ArrayNode ports(String device) {
    ArrayNode a = JSON.createArrayNode();
    services.devices().ports(device).values().stream()
        .sorted(Comparator.comparingInt(Port::number))
        .forEach(p -> a.add(port(p)));
    return a;
  }

  static ObjectNode port(Port p) {
    return JSON.valueToTree(p);
  }

  ArrayNode links() {
    ArrayNode a = JSON.createArrayNode();
    services.topology().links().stream()
        .sorted(Comparator.comparing(Link::toString))
        .forEach(l -> a.add(link(l)));
    return a;
  }

  ObjectNode link(Link l) {
    ObjectNode o = JSON.createObjectNode();
    o.put("src", l.src().toString());
    o.put("dst", l.dst().toString());
    o.put("capacityBps", l.capacityBps());
    o.put("reservedBps", services.paths().reserved(l));
    double u = services.topology().utilization(l);
    if (u >= 0) {
      o.put("utilization", u);
    } else {
      o.putNull("utilization");
    }
    return o;
  }

  ArrayNode hosts() {
    ArrayNode a = JSON.createArrayNode();
    services
        .hosts()
        .hosts()
        .forEach(
            h -> {
              ObjectNode o = a.addObject();
              o.put("mac", h.mac().toString());
              o.put("ip", h.ip().toString());
              o.put("location", h.location().toString());
            });
    return a;
  }

  ArrayNode slices() {
    return slices(services.slices());
  }

  /** The slices one caller sees. */
  static ArrayNode slices(net.vdn.controller.slice.SliceService visible) {
    ArrayNode a = JSON.createArrayNode();
    visible.list().forEach(s -> a.add(slice(s)));
    return a;
  }

  static ObjectNode slice(Slice s) {
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
    o.put("burstMs", spec.burstMs());
    o.put("trafficClass", spec.trafficClass());
    if (spec.wavelength() != null) {
      ObjectNode w = o.putObject("wavelength");
      w.putArray("between").add(spec.wavelength().siteA()).add(spec.wavelength().siteB());
      w.put("frequencyMhz", spec.wavelength().frequencyMhz());
      w.put("widthMhz", spec.wavelength().widthMhz());
    }
    o.put("status", s.status().name().toLowerCase());
    if (s.status() == SliceStatus.DEGRADED) {
      o.put("degradedReason", s.reason());
    }
    ArrayNode paths = o.putArray("paths");
    for (Path p : s.paths()) {
      ArrayNode hops = paths.addArray();
      p.links().forEach(l -> hops.add(l.toString()));
    }
    ArrayNode devices = o.putArray("devices");
    s.devices().forEach(devices::add);
    return o;
  }
}
