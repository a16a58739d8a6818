package net.vdn.controller.federation.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.controller.federation.FederationOptions.Peering;
import net.vdn.controller.federation.FederationStore;
import net.vdn.controller.federation.FederationStore.Hold;
import net.vdn.controller.federation.SegmentState;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.PathService;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.Slice;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.topology.TopologyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reservations this domain holds for inter-domain slices, its own segments included: reserve
 * admits the segment on this domain's links and its border links and holds it (nothing is
 * programmed); commit turns it into a local slice; abort and release give everything back; a held
 * reservation not committed in time is released by this domain itself. Every verb is idempotent by
 * request id. One lock: holds are few and each verb is short.
 */
final class Holds implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Holds.class);

  private final FederationOptions options;
  private final FederationStore store;
  private final SliceService slices;
  private final PathService paths;
  private final DeviceService devices;
  private final TopologyService topology;
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("federation-holds").factory());

  Holds(
      FederationOptions options,
      FederationStore store,
      SliceService slices,
      PathService paths,
      DeviceService devices,
      TopologyService topology) {
    this.options = options;
    this.store = store;
    this.slices = slices;
    this.paths = paths;
    this.devices = devices;
    this.topology = topology;
  }

  /**
   * Releases what a previous run held uncommitted (its capacity was not kept across the restart),
   * then starts releasing expired holds.
   */
  void start() {
    for (Hold h : store.holds()) {
      if (h.state() == SegmentState.HELD) {
        log.info(
            "reservation {} from {}: held uncommitted at restart, released", h.id(), h.origin());
        store.removeHold(h.id());
      }
    }
    long every = Math.max(20, Math.min(200, options.holdMs() / 10));
    clock.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * The local slice name of a segment asked for by {@code origin}: its own name in the domain that
   * received the request, {@code origin.name} in the others.
   */
  String sliceName(String origin, String name) {
    return origin.equals(options.domain()) ? name : origin + "." + name;
  }

  /** A peer's reservation (its segment's tenant is the peer's domain). */
  synchronized PeerMessages.Answer reserve(PeerMessages.Reserve r) {
    return reserve(r, null);
  }

  /**
   * A reservation; {@code tenant} is the tenant of this domain's own segment when this domain asked
   * for it (a peer's segment is always its domain's).
   */
  synchronized PeerMessages.Answer reserve(PeerMessages.Reserve r, String tenant) {
    if (r.id() == null || !r.id().matches("[A-Za-z0-9._:-]{1,80}")) {
      throw new IllegalArgumentException("id: needs 1-80 letters, digits, '.', '_', ':' or '-'");
    }
    SliceSpec spec = spec(r, tenant);
    String digest = r.origin() + "|" + spec;
    var existing = store.hold(r.id());
    if (existing.isPresent()) {
      Hold h = existing.get();
      if (!h.digest().equals(digest)) {
        throw new DuplicateException("reservation " + r.id() + " exists with other settings");
      }
      return answer(h);
    }
    check(spec, r.id());
    List<String> onDevices = spec.endpoints().stream().map(Endpoint::device).distinct().toList();
    if (onDevices.size() > 1) {
      paths.admit(spec.name(), onDevices, spec.cirBps());
    }
    Hold h =
        new Hold(
            r.id(),
            r.origin(),
            digest,
            spec,
            SegmentState.HELD,
            System.currentTimeMillis() + options.holdMs());
    try {
      store.putHold(h);
    } catch (RuntimeException e) {
      paths.release(spec.name());
      throw e;
    }
    log.info(
        "reservation {} from {}: slice {} held on VLAN {} ({} b/s) for {} ms",
        r.id(),
        r.origin(),
        spec.name(),
        spec.sliceId(),
        spec.cirBps(),
        options.holdMs());
    return answer(h);
  }

  synchronized PeerMessages.Answer commit(String id) {
    Hold h =
        store
            .hold(id)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no reservation " + id + " (expired, aborted or never made)"));
    if (h.state() == SegmentState.COMMITTED) {
      return answer(h);
    }
    if (System.currentTimeMillis() > h.expiresAtMillis()) {
      drop(h, "expired before its commit");
      throw new NotFoundException("reservation " + id + " expired before its commit");
    }
    try {
      // The slice admits its own reservation, over nothing held under its name: the hold's is
      // handed back first (a local request in between may take the room, and the commit then
      // fails and releases everything, as any refusal does).
      paths.release(h.spec().name());
      slices.create(h.spec());
    } catch (RuntimeException e) {
      drop(h, "commit refused: " + e.getMessage());
      throw e;
    }
    Hold done = h.with(SegmentState.COMMITTED);
    store.putHold(done);
    log.info("reservation {} from {}: committed as slice {}", id, h.origin(), h.spec().name());
    return answer(done);
  }

  /** Gives back whatever the reservation holds, committed or not; nothing when it is gone. */
  synchronized PeerMessages.Answer release(String id) {
    var h = store.hold(id);
    if (h.isEmpty()) {
      return new PeerMessages.Answer(id, SegmentState.RELEASED.name().toLowerCase(), 0, 0, null);
    }
    drop(h.get(), h.get().state() == SegmentState.HELD ? "aborted" : "released");
    return new PeerMessages.Answer(
        id,
        SegmentState.RELEASED.name().toLowerCase(),
        h.get().spec().sliceId(),
        0,
        h.get().spec().name());
  }

  /** New rates for a committed segment, or a refusal that changes nothing. */
  synchronized PeerMessages.Answer modify(String id, PeerMessages.Rates rates) {
    Hold h = store.hold(id).orElseThrow(() -> new NotFoundException("no reservation " + id));
    if (h.state() != SegmentState.COMMITTED) {
      throw new DuplicateException("reservation " + id + " is not committed");
    }
    SliceSpec s = h.spec();
    SliceSpec changed =
        new SliceSpec(
            s.name(),
            s.tenant(),
            s.sliceId(),
            s.endpoints(),
            rates.cirBps(),
            rates.pirBps(),
            s.burstMs(),
            s.trafficClass(),
            null);
    checkBorders(changed, id);
    slices.modify(changed);
    Hold done = h.with(changed);
    store.putHold(done);
    return answer(done);
  }

  synchronized List<Hold> all() {
    return store.holds();
  }

  /**
   * The VLANs of a peering's range this domain can still give a new slice: neither a slice's VLAN
   * in this domain nor carried on that border port already.
   */
  synchronized List<Integer> freeVlans(Peering p) {
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
  synchronized long borderLeft(Peering p) {
    return p.capacityBps() - borderUse(new ConnectPoint(p.localDevice(), p.localPort()), null);
  }

  private void expire() {
    try {
      synchronized (this) {
        long now = System.currentTimeMillis();
        for (Hold h : store.holds()) {
          if (h.state() == SegmentState.HELD && now > h.expiresAtMillis()) {
            drop(h, "not committed within " + options.holdMs() + " ms: released by this domain");
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("releasing expired reservations failed: {}", e.getMessage());
    }
  }

  private void drop(Hold h, String why) {
    if (h.state() == SegmentState.COMMITTED && slices.get(h.spec().name()).isPresent()) {
      slices.delete(h.spec().name());
    }
    paths.release(h.spec().name());
    store.removeHold(h.id());
    log.info("reservation {} from {} (slice {}): {}", h.id(), h.origin(), h.spec().name(), why);
  }

  private PeerMessages.Answer answer(Hold h) {
    long left =
        h.state() == SegmentState.HELD
            ? Math.max(0, h.expiresAtMillis() - System.currentTimeMillis())
            : 0;
    return new PeerMessages.Answer(
        h.id(), h.state().name().toLowerCase(), h.spec().sliceId(), left, h.spec().name());
  }

  private SliceSpec spec(PeerMessages.Reserve r, String localTenant) {
    if (r.origin() == null || r.name() == null) {
      throw new IllegalArgumentException("origin/name: required");
    }
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
    String tenant = r.origin().equals(options.domain()) ? localTenant : r.origin();
    return new SliceSpec(
        sliceName(r.origin(), r.name()),
        tenant,
        r.vlan(),
        eps,
        r.cirBps(),
        r.pirBps(),
        r.burstMs(),
        r.trafficClass(),
        null);
  }

  /** What a new segment may not take: its name, its VLAN, its ports, border links' capacity. */
  private void check(SliceSpec spec, String id) {
    if (slices.get(spec.name()).isPresent()
        || store.holds().stream().anyMatch(h -> h.spec().name().equals(spec.name()))) {
      throw new DuplicateException(
          "slice " + spec.name() + " exists in domain " + options.domain());
    }
    if (usedIds().contains(spec.sliceId())) {
      throw new AdmissionException(
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
            throw new AdmissionException(
                spec.tenant() != null && spec.tenant().equals(o.tenant())
                    ? e.point() + " is taken by slice '" + o.name() + "'"
                    : "endpoint " + e.point() + " is held by a slice of another tenant");
          }
        }
      }
    }
    checkBorders(spec, id);
  }

  private void checkBorders(SliceSpec spec, String id) {
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

  private Peering border(ConnectPoint at) {
    for (Peering p : options.peerings()) {
      if (p.localDevice().equals(at.device()) && p.localPort() == at.port()) {
        return p;
      }
    }
    return null;
  }

  private static boolean inRange(Peering p, int vlan) {
    return vlan >= p.vlanMin() && vlan <= p.vlanMax();
  }

  private Set<Integer> usedIds() {
    Set<Integer> used = new HashSet<>(new TreeSet<>());
    slices.list().forEach(s -> used.add(s.spec().sliceId()));
    store.holds().forEach(h -> used.add(h.spec().sliceId()));
    return used;
  }

  @Override
  public void close() {
    clock.shutdownNow();
  }
}
