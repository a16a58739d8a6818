package net.vdn.controller.federation.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.controller.federation.FederationOptions.Peering;
import net.vdn.controller.federation.FederationStore;
import net.vdn.controller.federation.FederationStore.Hold;
import net.vdn.controller.federation.SegmentState;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.Slice;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.topology.TopologyService;

/**
 * What a new segment may not take in this domain: a slice's name or VLAN, a port another slice
 * holds, a border link's VLANs outside its range or its capacity beyond what is left; and what the
 * border links still have, for this domain's advertisement and VLAN choices.
 */
final class SegmentChecks {
  private final FederationOptions options;
  private final FederationStore store;
  private final SliceService slices;
  private final DeviceService devices;
  private final TopologyService topology;

  SegmentChecks(
      FederationOptions options,
      FederationStore store,
      SliceService slices,
      DeviceService devices,
      TopologyService topology) {
    this.options = options;
    this.store = store;
    this.slices = slices;
    this.devices = devices;
    this.topology = topology;
  }

  /**
   * The VLANs of a peering's range this domain can still give a new slice: neither a slice's VLAN
   * in this domain nor carried on that border port already.
   */
  List<Integer> freeVlans(Peering p) {
    Set<Integer> used = usedIds();
    ConnectPoint at = new ConnectPoint(p.localDevice(), p.localPort());
    List<SliceSpec> all = new ArrayList<>(slices.list().stream().map(Slice::spec).toList());
    store.holds().forEach(h -> all.add(h.spec()));
    for (SliceSpec s : all) {
      for (Endpoint e : s.endpoints()) {
        if (e.vlan() != null && e.point().equals(at)) {
          used.add(e.vlan());
        }
      }
    }
    List<Integer> free = new ArrayList<>();
    for (int v = p.vlanMin(); v <= p.vlanMax(); v++) {
      if (!used.contains(v)) {
        free.add(v);
      }
    }
    return free;
  }

  /** What a border link has left for new slices. */
  long borderLeft(Peering p) {
    return p.capacityBps() - borderUse(new ConnectPoint(p.localDevice(), p.localPort()), null);
  }

  /** The peering whose border port this is, or null. */
  Peering border(ConnectPoint at) {
    for (Peering p : options.peerings()) {
      if (p.localDevice().equals(at.device()) && p.localPort() == at.port()) {
        return p;
      }
    }
    return null;
  }

  /** A segment's ports in this domain as asked (border ports must be this domain's). */
  List<Endpoint> points(PeerMessages.Reserve r) {
    List<Endpoint> eps = new ArrayList<>();
    for (PeerMessages.Point p : r.endpoints()) {
      if (p.device() == null) {
        throw new IllegalArgumentException("endpoints: each needs a device");
      }
      if (p.border() && border(new ConnectPoint(p.device(), p.port())) == null) {
        throw new AdmissionException(
            p.device() + ":" + p.port() + " is not a border port of domain " + options.domain());
      }
      // A border point without its own VLAN carries the segment's VLAN on the link.
      Integer vlan = p.border() && p.vlan() == null ? Integer.valueOf(r.vlan()) : p.vlan();
      eps.add(new Endpoint(p.device(), p.port(), null, null, vlan));
    }
    return eps;
  }

  /** What a new segment may not take: its name, its VLAN, its ports, border links' capacity. */
  void check(SliceSpec spec, String id) {
    if (slices.get(spec.name()).isPresent()
        || store.holds().stream().anyMatch(h -> h.spec().name().equals(spec.name()))) {
      throw new DuplicateException(
          "slice " + spec.name() + " exists in domain " + options.domain());
    }
    if (usedIds().contains(spec.sliceId())) {
      throw new VlanTakenException(
          "VLAN " + spec.sliceId() + " is taken in domain " + options.domain());
    }
    List<SliceSpec> others = new ArrayList<>(slices.list().stream().map(Slice::spec).toList());
    store.holds().stream()
        .filter(h -> h.state() == SegmentState.HELD)
        .forEach(h -> others.add(h.spec()));
    for (Endpoint e : spec.endpoints()) {
      Peering border = border(e.point());
      if (e.vlan() != null && border != null) {
        // The link's VLAN is this side's, or the peer's translated here to this side's own.
        if (!inRange(border, e.vlan())
            && (e.vlan() == spec.sliceId() || !inRange(border, spec.sliceId()))) {
          throw new AdmissionException(
              "VLAN "
                  + e.vlan()
                  + " on border "
                  + e.point()
                  + " is outside its range "
                  + border.vlanMin()
                  + ".."
                  + border.vlanMax()
                  + (e.vlan() == spec.sliceId()
                      ? ""
                      : ", and so is the segment's VLAN " + spec.sliceId() + " it would become"));
        }
      } else if (border != null) {
        throw new AdmissionException("border port " + e.point() + " carries slices tagged only");
      }
      if (!devices.knows(e.device())) {
        throw new AdmissionException(
            "domain " + options.domain() + " has no device '" + e.device() + "'");
      }
      if (topology.isLinkPort(e.point())) {
        throw new AdmissionException(e.point() + " is a link port, not an edge port");
      }
      for (SliceSpec o : others) {
        for (Endpoint t : o.endpoints()) {
          if (t.point().equals(e.point()) && Objects.equals(t.vlan(), e.vlan())) {
            // Named only to its own tenant: neither other tenants nor peer domains learn it.
            String why =
                spec.tenant() != null && spec.tenant().equals(o.tenant())
                    ? e.point() + " is taken by slice '" + o.name() + "'"
                    : "endpoint " + e.point() + " is held by a slice of another tenant";
            // On a border port, the VLAN on the link was taken: another may be free.
            throw border != null
                ? new VlanTakenException("VLAN " + e.vlan() + " on border " + why)
                : new AdmissionException(why);
          }
        }
      }
    }
    checkBorders(spec, id);
  }

  /** Whether the border links of a segment have its rate left, not counting reservation id. */
  void checkBorders(SliceSpec spec, String id) {
    for (Endpoint e : spec.endpoints()) {
      Peering border = border(e.point());
      if (border != null) {
        long used = borderUse(e.point(), id);
        if (used + spec.cirBps() > border.capacityBps()) {
          throw new AdmissionException(
              "border link "
                  + e.point()
                  + " to "
                  + border.peerDomain()
                  + " has "
                  + (border.capacityBps() - used)
                  + " b/s left, "
                  + spec.cirBps()
                  + " asked");
        }
      }
    }
  }

  private long borderUse(ConnectPoint at, String except) {
    long sum = 0;
    for (Hold h : store.holds()) {
      if (h.id().equals(except)) {
        continue;
      }
      if (h.spec().endpoints().stream().anyMatch(e -> e.point().equals(at))) {
        sum += h.spec().cirBps();
      }
    }
    return sum;
  }

  private static boolean inRange(Peering p, int vlan) {
    return vlan >= p.vlanMin() && vlan <= p.vlanMax();
  }

  private Set<Integer> usedIds() {
    Set<Integer> used = new HashSet<>();
    slices.list().forEach(s -> used.add(s.spec().sliceId()));
    store.holds().forEach(h -> used.add(h.spec().sliceId()));
    return used;
  }
}
