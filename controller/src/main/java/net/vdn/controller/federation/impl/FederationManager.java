package net.vdn.controller.federation.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.federation.Advertisement;
import net.vdn.controller.federation.DomainEndpoint;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.controller.federation.FederationOptions.Peering;
import net.vdn.controller.federation.FederationService;
import net.vdn.controller.federation.FederationStore;
import net.vdn.controller.federation.InterDomainSlice;
import net.vdn.controller.federation.InterDomainSpec;
import net.vdn.controller.federation.Segment;
import net.vdn.controller.federation.SegmentState;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.PathService;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.topology.TopologyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Federation: this domain's advertisement, the peering API's server, and the requesting side of
 * inter-domain slices (the domain path from the peers' advertisements, the VLANs of each border
 * link from both sides' free ones, reserve everywhere, then commit everywhere or release
 * everywhere).
 */
public final class FederationManager implements FederationService, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FederationManager.class);

  private final FederationOptions options;
  private final FederationStore store;
  private final PathService paths;
  private final TopologyService topology;
  private final Holds holds;
  private final Map<String, PeerClient> peers = new LinkedHashMap<>();
  private PeeringServer server;

  public FederationManager(
      FederationOptions options,
      FederationStore store,
      SliceService slices,
      PathService paths,
      DeviceService devices,
      TopologyService topology) {
    this.options = options;
    this.store = store;
    this.paths = paths;
    this.topology = topology;
    this.holds = new Holds(options, store, slices, paths, devices, topology);
    for (Peering p : options.peerings()) {
      peers.computeIfAbsent(p.peerDomain(), d -> new PeerClient(p, options));
    }
  }

  /** Releases what a previous run held uncommitted and opens the peering API. */
  public void start() {
    holds.start();
    server = PeeringServer.start(options, this, holds);
    log.info(
        "federation: domain {}, {} peerings, peering API on https://{}:{}{}",
        options.domain(),
        options.peerings().size(),
        options.host(),
        server.port(),
        PeeringServer.PREFIX);
  }

  /** The port the peering API listens on. */
  public int peeringPort() {
    return server.port();
  }

  @Override
  public String domain() {
    return options.domain();
  }

  @Override
  public Advertisement advertise() {
    List<Advertisement.Border> borders = new ArrayList<>();
    for (Peering p : options.peerings()) {
      borders.add(
          new Advertisement.Border(
              p.localDevice(),
              p.localPort(),
              p.peerDomain(),
              p.peerDevice(),
              p.peerPort(),
              holds.borderLeft(p),
              holds.freeVlans(p)));
    }
    List<Advertisement.Between> between = new ArrayList<>();
    for (int i = 0; i < borders.size(); i++) {
      for (int j = i + 1; j < borders.size(); j++) {
        var a = borders.get(i);
        var b = borders.get(j);
        between.add(
            new Advertisement.Between(
                a.device() + ":" + a.port(),
                b.device() + ":" + b.port(),
                Widest.between(topology, paths, a.device(), b.device())));
      }
    }
    return new Advertisement(options.domain(), borders, between);
  }

  @Override
  public List<Advertisement> peerAdvertisements() {
    List<Advertisement> out = new ArrayList<>();
    for (PeerClient c : peers.values()) {
      try {
        out.add(c.advertise());
      } catch (PeerClient.PeerFailure e) {
        log.info("peer {}: no advertisement ({})", c.domain(), e.getMessage());
      }
    }
    return out;
  }

  /** The border link chosen towards one peer domain, and what the peer advertised about it. */
  private record Hop(Peering peering, Advertisement.Border theirs) {}

  @Override
  public synchronized InterDomainSlice create(InterDomainSpec spec) {
    Optional<InterDomainSlice> existing = get(spec.name());
    if (existing.isPresent()) {
      if (existing.get().spec().equals(spec)) {
        return existing.get();
      }
      throw new DuplicateException("slice " + spec.name() + " exists with other settings");
    }
    List<String> domains = spec.domains();
    if (!domains.contains(options.domain())) {
      throw new AdmissionException(
          "no endpoint is in domain " + options.domain() + "; ask a domain that holds one");
    }
    if (domains.size() < 2) {
      throw new IllegalArgumentException(
          "endpoints: all are in domain " + options.domain() + "; ask for a local slice");
    }
    Map<String, Hop> hops = new LinkedHashMap<>();
    for (String d : domains) {
      if (!d.equals(options.domain())) {
        hops.put(d, hop(d, spec.cirBps()));
      }
    }
    Map<String, BorderVlans.Choice> chosen = new LinkedHashMap<>();
    hops.forEach(
        (d, h) ->
            chosen.put(
                d, BorderVlans.choose(d, holds.freeVlans(h.peering()), h.theirs().freeVlans())));
    // This domain's segment keeps the first link's VLAN as its own; any other link whose VLAN
    // differs is translated at this domain's border port.
    int vlan = chosen.values().iterator().next().onLink();
    String base = UUID.randomUUID().toString().substring(0, 13);
    List<Segment> segments = new ArrayList<>();
    List<DomainEndpoint> local = new ArrayList<>(spec.in(options.domain()));
    hops.forEach(
        (d, h) ->
            local.add(
                new DomainEndpoint(
                    options.domain(),
                    h.peering().localDevice(),
                    h.peering().localPort(),
                    chosen.get(d).onLink())));
    segments.add(segment(options.domain(), base, spec.name(), local, vlan));
    for (var e : hops.entrySet()) {
      List<DomainEndpoint> theirs = new ArrayList<>(spec.in(e.getKey()));
      Peering p = e.getValue().peering();
      BorderVlans.Choice c = chosen.get(e.getKey());
      theirs.add(new DomainEndpoint(e.getKey(), p.peerDevice(), p.peerPort(), c.onLink()));
      segments.add(
          segment(e.getKey(), base, options.domain() + "." + spec.name(), theirs, c.peer()));
    }
    long started = System.nanoTime();
    List<Segment> reached = new ArrayList<>();
    try {
      for (Segment s : segments) {
        reached.add(s);
        PeerMessages.Answer a = call(s, () -> reserveIn(s, spec));
        log.debug(
            "slice {}: {} holds {} ({} ms left)", spec.name(), s.domain(), a.id(), a.expiresInMs());
      }
      for (Segment s : segments.reversed()) {
        call(s, () -> commitIn(s));
      }
    } catch (RuntimeException e) {
      releaseAll(spec.name(), reached);
      throw e;
    }
    InterDomainSlice done =
        new InterDomainSlice(
            spec, vlan, segments.stream().map(s -> s.with(SegmentState.COMMITTED)).toList());
    store.putInterDomain(done);
    log.info(
        "slice {}: committed in {} domains {} on VLAN {} in {} ms",
        spec.name(),
        segments.size(),
        domains,
        vlan,
        (System.nanoTime() - started) / 1_000_000);
    return done;
  }

  private Segment segment(
      String domain, String base, String slice, List<DomainEndpoint> eps, int vlan) {
    return new Segment(domain, base + "." + domain, slice, eps, SegmentState.HELD, vlan);
  }

  /** The first border link to {@code domain} that both sides advertise with the rate left. */
  private Hop hop(String domain, long bps) {
    List<Peering> links = options.with(domain);
    if (links.isEmpty()) {
      throw new AdmissionException(
          "domain "
              + domain
              + " is not a peer of "
              + options.domain()
              + " (only domains with a declared peering are reached)");
    }
    Advertisement ad;
    try {
      ad = peers.get(domain).advertise();
    } catch (PeerClient.PeerFailure e) {
      throw new AdmissionException("domain " + domain + ": no advertisement: " + e.getMessage());
    }
    for (Peering p : links) {
      for (Advertisement.Border b : ad.borders()) {
        if (b.peerDomain().equals(options.domain())
            && b.device().equals(p.peerDevice())
            && b.port() == p.peerPort()
            && b.linkLeftBps() >= bps
            && holds.borderLeft(p) >= bps) {
          return new Hop(p, b);
        }
      }
    }
    throw new AdmissionException(
        "no border link to domain " + domain + " has " + bps + " b/s left on both sides");
  }

  private PeerMessages.Answer reserveIn(Segment s, InterDomainSpec spec) {
    List<PeerMessages.Point> points = new ArrayList<>();
    for (DomainEndpoint e : s.endpoints()) {
      boolean border = spec.endpoints().stream().noneMatch(u -> u.equals(e));
      points.add(new PeerMessages.Point(e.device(), e.port(), border, e.vlan()));
    }
    PeerMessages.Reserve r =
        new PeerMessages.Reserve(
            s.requestId(),
            options.domain(),
            spec.name(),
            points,
            s.vlan(),
            spec.cirBps(),
            spec.pirBps(),
            spec.burstMs(),
            spec.trafficClass());
    return s.domain().equals(options.domain())
        ? holds.reserve(r, spec.tenant())
        : peers.get(s.domain()).reserve(r);
  }

  private PeerMessages.Answer commitIn(Segment s) {
    return s.domain().equals(options.domain())
        ? holds.commit(s.requestId())
        : peers.get(s.domain()).commit(s.requestId());
  }

  /** Runs a step in one domain; a peer's refusal or silence becomes this domain's refusal. */
  private PeerMessages.Answer call(
      Segment s, java.util.function.Supplier<PeerMessages.Answer> step) {
    try {
      return step.get();
    } catch (PeerClient.PeerFailure e) {
      throw new AdmissionException(
          "domain " + s.domain() + (e.unanswered() ? ": " : " refused: ") + e.getMessage());
    } catch (RuntimeException e) {
      if (s.domain().equals(options.domain())) {
        throw e;
      }
      throw new AdmissionException("domain " + s.domain() + ": " + e.getMessage());
    }
  }

  /** Releases every segment reached; returns those whose domain did not answer. */
  private List<Segment> releaseAll(String name, List<Segment> reached) {
    List<Segment> unreleased = new ArrayList<>();
    for (Segment s : reached) {
      try {
        if (s.domain().equals(options.domain())) {
          holds.release(s.requestId());
        } else {
          peers.get(s.domain()).release(s.requestId());
        }
      } catch (RuntimeException e) {
        unreleased.add(s);
        log.warn(
            "slice {}: domain {} did not release {} ({}); an uncommitted hold expires there",
            name,
            s.domain(),
            s.requestId(),
            e.getMessage());
      }
    }
    return unreleased;
  }

  @Override
  public synchronized InterDomainSlice modify(InterDomainSpec spec) {
    InterDomainSlice was =
        get(spec.name()).orElseThrow(() -> new NotFoundException("no slice '" + spec.name() + "'"));
    InterDomainSpec old = was.spec();
    if (!old.endpoints().equals(spec.endpoints())
        || old.burstMs() != spec.burstMs()
        || old.trafficClass() != spec.trafficClass()) {
      throw new IllegalArgumentException(
          "endpoints: only the rates of an inter-domain slice can change");
    }
    if (!java.util.Objects.equals(old.tenant(), spec.tenant())) {
      throw new IllegalArgumentException("tenant: an inter-domain slice keeps its tenant");
    }
    List<Segment> done = new ArrayList<>();
    try {
      for (Segment s : was.segments()) {
        call(s, () -> rates(s, new PeerMessages.Rates(spec.cirBps(), spec.pirBps())));
        done.add(s);
      }
    } catch (RuntimeException e) {
      for (Segment s : done) {
        try {
          rates(s, new PeerMessages.Rates(old.cirBps(), old.pirBps()));
        } catch (RuntimeException again) {
          log.warn(
              "slice {}: {} keeps the new rates ({})", spec.name(), s.domain(), again.getMessage());
        }
      }
      throw e;
    }
    InterDomainSlice now = new InterDomainSlice(spec, was.vlan(), was.segments());
    store.putInterDomain(now);
    return now;
  }

  private PeerMessages.Answer rates(Segment s, PeerMessages.Rates r) {
    return s.domain().equals(options.domain())
        ? holds.modify(s.requestId(), r)
        : peers.get(s.domain()).modify(s.requestId(), r);
  }

  @Override
  public synchronized void delete(String name) {
    InterDomainSlice s =
        get(name).orElseThrow(() -> new NotFoundException("no slice '" + name + "'"));
    List<Segment> left = releaseAll(name, s.segments());
    if (left.isEmpty()) {
      store.removeInterDomain(name);
      log.info("slice {}: released in every domain", name);
      return;
    }
    store.putInterDomain(
        new InterDomainSlice(
            s.spec(),
            s.vlan(),
            s.segments().stream()
                .map(g -> left.contains(g) ? g : g.with(SegmentState.RELEASED))
                .toList()));
    throw new DuplicateException(
        "slice "
            + name
            + ": domains "
            + left.stream().map(Segment::domain).toList()
            + " did not answer; their segments are kept: delete again");
  }

  @Override
  public Optional<InterDomainSlice> get(String name) {
    return store.interDomainSlices().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  @Override
  public List<InterDomainSlice> list() {
    return store.interDomainSlices();
  }

  @Override
  public List<FederationStore.Hold> holds() {
    return holds.all();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    holds.close();
  }
}
