package net.vdn.controller.rest;

import static net.vdn.controller.rest.RestServer.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import net.vdn.controller.Controller;
import net.vdn.controller.device.ManagedDevice;
import net.vdn.controller.device.PortInfo;
import net.vdn.controller.path.Path;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.topology.Link;

/** How the REST API shows the controller's objects as JSON. */
final class Views {
  private final Controller controller;

  Views(Controller controller) {
    this.controller = controller;
  }

  ArrayNode openflowSwitches() {
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

  ArrayNode opticalDevices() {
    ArrayNode a = JSON.createArrayNode();
    controller.optical().all().forEach(d -> a.add(optical(d)));
    return a;
  }

  static ObjectNode optical(net.vdn.controller.optical.OpticalService.Managed d) {
    ObjectNode o = JSON.valueToTree(d.config());
    o.remove("password");
    o.put("connected", d.driver().isConnected());
    return o;
  }

  ArrayNode devices() {
    ArrayNode a = JSON.createArrayNode();
    controller.devices().all().forEach(d -> a.add(device(d)));
    return a;
  }

  ObjectNode device(ManagedDevice d) {
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

  ArrayNode ports(ManagedDevice d) {
    ArrayNode a = JSON.createArrayNode();
    d.ports().values().stream()
        .sorted(Comparator.comparingInt(PortInfo::number))
        .forEach(p -> a.add(port(p)));
    return a;
  }

  static ObjectNode port(PortInfo p) {
    return JSON.valueToTree(p);
  }

  ArrayNode links() {
    ArrayNode a = JSON.createArrayNode();
    controller.graph().links().stream()
        .sorted(Comparator.comparing(Link::toString))
        .forEach(l -> a.add(link(l)));
    return a;
  }

  ObjectNode link(Link l) {
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

  ArrayNode hosts() {
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

  ArrayNode slices() {
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
}
