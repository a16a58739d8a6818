package net.vdn.softswitch.gnmi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.gnmi.GnmiPath;
import net.vdn.gnmi.GnmiValue;
import net.vdn.gnmi.PathElem;
import net.vdn.gnmi.openconfig.PortSpeed;
import net.vdn.softswitch.port.Ports;

/**
 * The OpenConfig leaves the softswitch serves for its ports, and wildcard matching of request paths
 * against them ({@code *} for any name or key value, a shorter path for a subtree).
 */
final class PortTree {
  record Leaf(GnmiPath path, GnmiValue value, boolean status) {}

  private PortTree() {}

  static GnmiPath base(String name) {
    return GnmiPath.of(PathElem.of("interfaces"), PathElem.of("interface", "name", name));
  }

  static List<Leaf> leaves(Ports.Port p) {
    GnmiPath b = base(p.name());
    Ports.Counters c = p.counters();
    List<Leaf> out = new ArrayList<>();
    out.add(new Leaf(b.child("config").child("name"), new GnmiValue.StringValue(p.name()), false));
    out.add(
        new Leaf(b.child("config").child("enabled"), new GnmiValue.BoolValue(p.enabled()), true));
    out.add(new Leaf(b.child("state").child("name"), new GnmiValue.StringValue(p.name()), false));
    out.add(
        new Leaf(
            b.child("state").child("admin-status"),
            new GnmiValue.StringValue(p.enabled() ? "UP" : "DOWN"),
            true));
    out.add(
        new Leaf(
            b.child("state").child("oper-status"),
            new GnmiValue.StringValue(p.operUp() ? "UP" : "DOWN"),
            true));
    GnmiPath counters = b.child("state").child("counters");
    for (Map.Entry<String, Long> e :
        List.of(
            Map.entry("in-octets", c.inOctets.get()),
            Map.entry("in-unicast-pkts", c.inPackets.get()),
            Map.entry("in-broadcast-pkts", 0L),
            Map.entry("in-multicast-pkts", 0L),
            Map.entry("in-discards", c.inDiscards.get()),
            Map.entry("in-errors", 0L),
            Map.entry("out-octets", c.outOctets.get()),
            Map.entry("out-unicast-pkts", c.outPackets.get()),
            Map.entry("out-broadcast-pkts", 0L),
            Map.entry("out-multicast-pkts", 0L),
            Map.entry("out-discards", c.outDiscards.get()),
            Map.entry("out-errors", 0L))) {
      out.add(new Leaf(counters.child(e.getKey()), new GnmiValue.UintValue(e.getValue()), false));
    }
    String speed = PortSpeed.ofBitsPerSecond(p.speedBps()).identity();
    out.add(
        new Leaf(
            b.child("ethernet").child("config").child("port-speed"),
            new GnmiValue.StringValue(speed),
            true));
    out.add(
        new Leaf(
            b.child("ethernet").child("state").child("negotiated-port-speed"),
            new GnmiValue.StringValue(speed),
            true));
    return out;
  }

  /** Every leaf of every port under the request path. */
  static List<Leaf> matching(Ports ports, GnmiPath request) {
    List<Leaf> out = new ArrayList<>();
    for (Ports.Port p : ports.all()) {
      for (Leaf l : leaves(p)) {
        if (matches(request, l.path())) {
          out.add(l);
        }
      }
    }
    return out;
  }

  static boolean matches(GnmiPath request, GnmiPath leaf) {
    List<PathElem> r = request.elems();
    List<PathElem> l = leaf.elems();
    if (r.size() > l.size()) {
      return false;
    }
    for (int i = 0; i < r.size(); i++) {
      PathElem want = r.get(i);
      PathElem have = l.get(i);
      if (want.name().equals("...")) {
        return true;
      }
      if (!want.name().equals("*") && !want.name().equals(have.name())) {
        return false;
      }
      for (Map.Entry<String, String> k : want.keys().entrySet()) {
        String v = have.keys().get(k.getKey());
        if (v == null || (!k.getValue().equals("*") && !k.getValue().equals(v))) {
          return false;
        }
      }
    }
    return true;
  }
}
