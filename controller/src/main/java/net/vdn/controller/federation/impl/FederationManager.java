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
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.topology.TopologyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Federation: this domain's advertisement, the peering API's server, and the requesting side of
 * inter-domain slices: this domain's own reservation reaches every other domain of the slice
 * through its peers (the domain path from their advertisements, the VLANs of each border link from
 * both sides' free ones), reserved everywhere, then committed everywhere or released everywhere.
 */
public final class FederationManager implements FederationService, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FederationManager.class);

  /** How many times an inter-domain slice's VLANs are chosen when another request took them. */
  private static final int VLAN_ATTEMPTS = 4;

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
    for (Peering p : options.peerings()) {
      peers.computeIfAbsent(p.peerDomain(), d -> new PeerClient(p, options));
    }
    this.holds = new Holds(options, store, slices, paths, devices, topology, peers);
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
    return advertise(List.of(), Deadline.NONE);
  }

  /** The advertisement for a request that has come through {@code trail} (the asking peer last). */
  Advertisement advertise(List<String> trail, Deadline d) {
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
    return new Advertisement(options.domain(), borders, between, holds.routes().reach(trail, d));
  }

  @Override
  public List<Advertisement> peerAdvertisements() {
    List<Advertisement> out = new ArrayList<>();
    for (PeerClient c : peers.values()) {
      try {
        out.add(c.advertise(List.of(options.domain()), Deadline.NONE));
      } catch (PeerClient.PeerFailure e) {
        log.info("peer {}: no advertisement ({})", c.domain(), e.getMessage());
      }
    }
    return out;
  }

  /**
   * Reserves this domain's segment, which reaches every other domain through its peers (and they
   * through theirs), then commits everywhere; any refusal releases everything everywhere.
   */
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
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return create(spec, attempt > 1, started);
      } catch (VlanTakenException e) {
        if (attempt == VLAN_ATTEMPTS) {
          throw new AdmissionException(e.getMessage() + " (chosen " + attempt + " times)");
        }
        log.info("slice {}: {}; choosing the VLANs again", spec.name(), e.getMessage());
      }
    }
  }

  /** One attempt at an inter-domain slice, its VLANs chosen lowest first or at random. */
  private InterDomainSlice create(InterDomainSpec spec, boolean spread, long started) {
    String id = UUID.randomUUID().toString().substring(0, 13) + "." + options.domain();
    PeerMessages.Reserve r =
        new PeerMessages.Reserve(
            id,
            options.domain(),
            spec.name(),
            spec.in(options.domain()).stream()
                .map(e -> new PeerMessages.Point(e.device(), e.port(), false, e.vlan()))
                .toList(),
            0,
            spec.cirBps(),
            spec.pirBps(),
            spec.burstMs(),
            spec.trafficClass(),
            spec.endpoints().stream()
                .filter(e -> !e.domain().equals(options.domain()))
                .map(DomainEndpoint::toString)
                .toList(),
            List.of());
    holds.reserve(r, spec.tenant(), spread, Deadline.NONE);
    PeerMessages.Answer a;
    try {
      a = holds.commit(id, Deadline.NONE);
    } catch (RuntimeException e) {
      holds.release(id, Deadline.NONE);
      throw e;
    }
    SliceSpec local = holds.hold(id).orElseThrow().spec();
    List<Segment> segments = new ArrayList<>();
    segments.add(
        new Segment(
            options.domain(),
            id,
            local.name(),
            local.endpoints().stream()
                .map(e -> new DomainEndpoint(options.domain(), e.device(), e.port(), e.vlan()))
                .toList(),
            SegmentState.COMMITTED,
            a.vlan(),
            options.domain()));
    segments.addAll(a.onward());
    InterDomainSlice done = new InterDomainSlice(spec, a.vlan(), segments);
    store.putInterDomain(done);
    log.info(
        "slice {}: committed in {} domains {} on VLAN {} in {} ms",
        spec.name(),
        segments.size(),
        segments.stream().map(Segment::domain).toList(),
        a.vlan(),
        (System.nanoTime() - started) / 1_000_000);
    return done;
  }

  /** This domain's own segment of a slice it was asked for. */
  private Segment own(InterDomainSlice s) {
    return s.segments().stream()
        .filter(g -> g.domain().equals(options.domain()))
        .findFirst()
        .orElseThrow();
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
    holds.modify(
        own(was).requestId(), new PeerMessages.Rates(spec.cirBps(), spec.pirBps()), Deadline.NONE);
    InterDomainSlice now = new InterDomainSlice(spec, was.vlan(), was.segments());
    store.putInterDomain(now);
    return now;
  }

  @Override
  public synchronized void delete(String name) {
    InterDomainSlice s =
        get(name).orElseThrow(() -> new NotFoundException("no slice '" + name + "'"));
    String id = own(s).requestId();
    try {
      holds.release(id, Deadline.NONE);
    } catch (DuplicateException e) {
      // Some domain beyond did not release: the slice stays, showing what is released.
      List<Segment> beyond = holds.hold(id).map(h -> h.onward()).orElse(List.of());
      List<Segment> now = new ArrayList<>(List.of(own(s)));
      now.addAll(beyond);
      store.putInterDomain(new InterDomainSlice(s.spec(), s.vlan(), now));
      throw new DuplicateException(
          "slice "
              + name
              + ": domains "
              + Onward.unreleased(beyond)
              + " did not answer; their segments are kept: delete again");
    }
    store.removeInterDomain(name);
    log.info("slice {}: released in every domain", name);
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
