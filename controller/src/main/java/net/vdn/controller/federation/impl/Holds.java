package net.vdn.controller.federation.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.federation.DomainEndpoint;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.controller.federation.FederationOptions.Peering;
import net.vdn.controller.federation.FederationStore;
import net.vdn.controller.federation.FederationStore.Hold;
import net.vdn.controller.federation.Segment;
import net.vdn.controller.federation.SegmentState;
import net.vdn.controller.path.PathService;
import net.vdn.controller.slice.Endpoint;
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
 * request id. A reservation with endpoints beyond this domain makes it a transit: its segment joins
 * two border links, and it asks the next domains itself ({@link Onward}). A verb holds its
 * reservation's own lock throughout, and this domain's lock only for its local steps (never while
 * another domain is asked, which may be asking this one meanwhile).
 */
final class Holds implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Holds.class);

  private final FederationOptions options;
  private final FederationStore store;
  private final SliceService slices;
  private final PathService paths;
  private final SegmentChecks checks;
  private final Routes routes;
  private final Onward onward;
  private final IdLocks ids = new IdLocks();
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("federation-holds").factory());

  Holds(
      FederationOptions options,
      FederationStore store,
      SliceService slices,
      PathService paths,
      DeviceService devices,
      TopologyService topology,
      Map<String, PeerClient> peers) {
    this.options = options;
    this.store = store;
    this.slices = slices;
    this.paths = paths;
    this.checks = new SegmentChecks(options, store, slices, devices, topology);
    this.routes = new Routes(options, peers, checks, topology, paths);
    this.onward = new Onward(options, peers);
  }

  /**
   * Releases what a previous run held uncommitted (its capacity was not kept across the restart),
   * then starts releasing expired holds.
   */
  void start() {
    List<Hold> uncommitted = new ArrayList<>();
    for (Hold h : store.holds()) {
      if (h.state() == SegmentState.HELD) {
        log.info(
            "reservation {} from {}: held uncommitted at restart, released", h.id(), h.origin());
        store.removeHold(h.id());
        uncommitted.add(h);
      }
    }
    // What they asked beyond this domain expires there too; releasing it says so sooner.
    uncommitted.forEach(this::releaseOnwardLater);
    long every = Math.max(20, Math.min(200, options.holdMs() / 10));
    clock.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.MILLISECONDS);
  }

  Routes routes() {
    return routes;
  }

  /** A reservation, by id. */
  synchronized Optional<Hold> hold(String id) {
    return store.hold(id);
  }

  /** A peer's reservation (its segment's tenant is the peer's domain). */
  PeerMessages.Answer reserve(PeerMessages.Reserve r, Deadline d) {
    return reserve(r, null, false, d);
  }

  /**
   * A reservation; {@code tenant} is the tenant of this domain's own segment when this domain asked
   * for it (a peer's segment is always its domain's). With endpoints beyond this domain, this
   * domain is a transit: it plans the way onward, holds its own segment with the border points
   * towards the next domains, and asks them in turn; any refusal there releases everything here.
   * Calls to other domains are made holding only the reservation's own lock.
   *
   * @param spread whether the VLANs on this domain's border links are chosen at random (this
   *     domain's own request chosen again after a VLAN was taken meanwhile)
   */
  PeerMessages.Answer reserve(PeerMessages.Reserve r, String tenant, boolean spread, Deadline d) {
    Asked a = Asked.read(r, tenant, options.domain());
    List<String> trail = a.trail();
    List<DomainEndpoint> beyond = a.beyond();
    String digest = a.digest();
    boolean own = a.own();
    return ids.on(
        r.id(),
        () -> {
          synchronized (this) {
            var existing = store.hold(r.id());
            if (existing.isPresent()) {
              if (!existing.get().digest().equals(digest)) {
                throw new DuplicateException(
                    "reservation " + r.id() + " exists with other settings");
              }
              return answer(existing.get());
            }
          }
          List<Endpoint> eps = checks.points(r);
          List<Routes.Leg> legs =
              routes.plan(beyond, r.cirBps(), trail, r.vlan() == 0 ? null : r.vlan(), spread, d);
          if (r.vlan() == 0 && legs.isEmpty()) {
            throw new IllegalArgumentException("vlan: required for a segment that ends here");
          }
          for (Routes.Leg l : legs) {
            DomainEndpoint near = onward.near(l);
            eps.add(new Endpoint(near.device(), near.port(), null, null, near.vlan()));
          }
          SliceSpec spec =
              new SliceSpec(
                  // Its own name in the domain that received the request, origin.name in others.
                  own ? r.name() : r.origin() + "." + r.name(),
                  own ? tenant : r.origin(),
                  r.vlan() != 0 ? r.vlan() : legs.getFirst().vlans().onLink(),
                  eps,
                  r.cirBps(),
                  r.pirBps(),
                  r.burstMs(),
                  r.trafficClass(),
                  null);
          Hold h =
              hold(
                  new Hold(
                      r.id(),
                      r.origin(),
                      digest,
                      spec,
                      SegmentState.HELD,
                      System.currentTimeMillis() + options.holdMs(),
                      legs.stream().map(l -> onward.planned(r.id(), spec.name(), l)).toList()));
          if (!legs.isEmpty()) {
            List<Segment> reached;
            try {
              reached =
                  onward.reserve(
                      r.id(),
                      new Onward.Terms(
                          spec.name(), r.cirBps(), r.pirBps(), r.burstMs(), r.trafficClass()),
                      legs,
                      trail,
                      d);
            } catch (RuntimeException e) {
              drop(h, "refused beyond this domain: " + e.getMessage());
              throw e;
            }
            h = put(h.withOnward(reached));
          }
          log.info(
              "reservation {} from {}: slice {} held on VLAN {} ({} b/s) for {} ms{}",
              r.id(),
              r.origin(),
              spec.name(),
              spec.sliceId(),
              spec.cirBps(),
              options.holdMs(),
              legs.isEmpty()
                  ? ""
                  : ", onward to " + legs.stream().map(Routes.Leg::domain).toList());
          return answer(h);
        });
  }

  /** Admits a new segment here and keeps its hold, or refuses and keeps nothing. */
  private synchronized Hold hold(Hold h) {
    SliceSpec spec = h.spec();
    checks.check(spec, h.id());
    List<String> onDevices = spec.endpoints().stream().map(Endpoint::device).distinct().toList();
    if (onDevices.size() > 1) {
      paths.admit(spec.name(), onDevices, spec.cirBps());
    }
    try {
      store.putHold(h);
    } catch (RuntimeException e) {
      paths.release(spec.name());
      throw e;
    }
    return h;
  }

  private synchronized Hold put(Hold h) {
    store.putHold(h);
    return h;
  }

  PeerMessages.Answer commit(String id, Deadline d) {
    return ids.on(
        id,
        () -> {
          Hold h;
          synchronized (this) {
            h =
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
          }
          List<Segment> beyond;
          try {
            // The domains beyond commit first: this domain's segment is the last to carry traffic.
            beyond = onward.commit(h.onward(), d);
          } catch (RuntimeException e) {
            drop(h, "commit refused beyond this domain: " + e.getMessage());
            throw e;
          }
          return answer(commitHere(h, beyond));
        });
  }

  private synchronized Hold commitHere(Hold h, List<Segment> beyond) {
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
    Hold done = put(h.with(SegmentState.COMMITTED).withOnward(beyond));
    log.info("reservation {} from {}: committed as slice {}", h.id(), h.origin(), h.spec().name());
    return done;
  }

  /**
   * Gives back whatever the reservation holds, committed or not, with what it asked beyond this
   * domain; nothing when it is gone. A committed reservation whose segments beyond are not all
   * released is kept (asking again releases the rest).
   */
  PeerMessages.Answer release(String id, Deadline d) {
    return ids.on(
        id,
        () -> {
          Hold h;
          synchronized (this) {
            var found = store.hold(id);
            if (found.isEmpty()) {
              return new PeerMessages.Answer(
                  id, SegmentState.RELEASED.name().toLowerCase(), 0, 0, null, List.of());
            }
            h = found.get();
          }
          List<Segment> beyond = onward.release(h.spec().name(), h.onward(), d);
          synchronized (this) {
            List<String> kept = Onward.unreleased(beyond);
            if (h.state() == SegmentState.COMMITTED && !kept.isEmpty()) {
              store.putHold(h.withOnward(beyond));
              throw new DuplicateException(
                  "reservation "
                      + id
                      + ": domains "
                      + kept
                      + " did not release their segments; the rest is kept: release again");
            }
            dropHere(h, h.state() == SegmentState.HELD ? "aborted" : "released");
          }
          return new PeerMessages.Answer(
              id,
              SegmentState.RELEASED.name().toLowerCase(),
              h.spec().sliceId(),
              0,
              h.spec().name(),
              beyond);
        });
  }

  /** New rates for a committed segment and those beyond it, or a refusal that changes nothing. */
  PeerMessages.Answer modify(String id, PeerMessages.Rates rates, Deadline d) {
    return ids.on(
        id,
        () -> {
          Hold h;
          synchronized (this) {
            h = store.hold(id).orElseThrow(() -> new NotFoundException("no reservation " + id));
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
            checks.checkBorders(changed, id);
            slices.modify(changed);
            put(h.with(changed));
          }
          try {
            onward.rates(
                h.onward(), rates, new PeerMessages.Rates(h.spec().cirBps(), h.spec().pirBps()), d);
          } catch (RuntimeException e) {
            synchronized (this) {
              slices.modify(h.spec());
              put(h);
            }
            throw e;
          }
          return answer(store.hold(id).orElseThrow());
        });
  }

  synchronized List<Hold> all() {
    return store.holds();
  }

  synchronized List<Integer> freeVlans(Peering p) {
    return checks.freeVlans(p);
  }

  synchronized long borderLeft(Peering p) {
    return checks.borderLeft(p);
  }

  private void expire() {
    try {
      synchronized (this) {
        long now = System.currentTimeMillis();
        for (Hold h : store.holds()) {
          if (h.state() == SegmentState.HELD && now > h.expiresAtMillis() && !ids.busy(h.id())) {
            drop(h, "not committed within " + options.holdMs() + " ms: released by this domain");
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("releasing expired reservations failed: {}", e.getMessage());
    }
  }

  /**
   * Releases a reservation here, and beyond this domain in the background: whoever waits for this
   * domain's answer does not wait for the domains beyond, whose uncommitted holds expire anyway.
   */
  private void drop(Hold h, String why) {
    dropHere(h, why);
    releaseOnwardLater(h);
  }

  private void releaseOnwardLater(Hold h) {
    if (!h.onward().isEmpty()) {
      clock.execute(() -> onward.release(h.spec().name(), h.onward(), Deadline.NONE));
    }
  }

  private synchronized void dropHere(Hold h, String why) {
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
        h.id(),
        h.state().name().toLowerCase(),
        h.spec().sliceId(),
        left,
        h.spec().name(),
        h.onward());
  }

  @Override
  public void close() {
    clock.shutdownNow();
  }
}
