package net.vdn.controller.federation.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.vdn.controller.federation.Advertisement;
import net.vdn.controller.federation.Advertisement.Reach;
import net.vdn.controller.federation.DomainEndpoint;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.controller.federation.FederationOptions.Peering;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.PathService;
import net.vdn.controller.topology.TopologyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way from this domain to the others, from its peers' advertisements: each remote endpoint is
 * reached through one peer, its own domain when that is a peer, otherwise the peer that advertises
 * the shortest way to it with the rate left; towards each such peer, one border link with the rate
 * left on both sides and the VLANs on it from both sides' free ones. And what this domain
 * advertises in turn: the domains it reaches through its peers. Never back through a domain the
 * request came through.
 */
final class Routes {
  private static final Logger log = LoggerFactory.getLogger(Routes.class);

  /** The most domains a request may come through before the one it reaches. */
  static final int MAX_TRAIL = 8;

  /**
   * One peer asked for a segment.
   *
   * @param peering the border link to it
   * @param vlans the VLAN on that link and the peer's segment's VLAN
   * @param there the slice's endpoints in the peer's domain
   * @param beyond the slice's endpoints in domains the peer reaches onward
   */
  record Leg(
      Peering peering,
      BorderVlans.Choice vlans,
      List<DomainEndpoint> there,
      List<DomainEndpoint> beyond) {
    String domain() {
      return peering.peerDomain();
    }
  }

  private final FederationOptions options;
  private final Map<String, PeerClient> peers;
  private final SegmentChecks checks;
  private final TopologyService topology;
  private final PathService paths;

  Routes(
      FederationOptions options,
      Map<String, PeerClient> peers,
      SegmentChecks checks,
      TopologyService topology,
      PathService paths) {
    this.options = options;
    this.peers = peers;
    this.checks = checks;
    this.topology = topology;
    this.paths = paths;
  }

  private String me() {
    return options.domain();
  }

  /**
   * Which peer each remote endpoint is reached through, and the border link and VLANs towards each.
   *
   * @param trail the domains the request has come through (never gone back through)
   * @param prefer the VLAN to carry on the links when both sides have it free (this domain's own)
   * @param spread whether to choose the VLANs at random among the free ones (a request chosen
   *     again)
   */
  List<Leg> plan(
      List<DomainEndpoint> remote,
      long cirBps,
      List<String> trail,
      Integer prefer,
      boolean spread,
      Deadline d) {
    Set<String> avoid = new HashSet<>(trail);
    avoid.add(me());
    List<String> next = append(trail, me());
    Map<String, Optional<Advertisement>> ads = new HashMap<>();
    Map<String, List<DomainEndpoint>> there = new LinkedHashMap<>();
    Map<String, List<DomainEndpoint>> beyond = new HashMap<>();
    for (String dom : remote.stream().map(DomainEndpoint::domain).distinct().toList()) {
      if (avoid.contains(dom)) {
        throw new AdmissionException(
            "endpoints: domain " + dom + " is already on this slice's way " + next);
      }
      String first = firstHop(dom, cirBps, avoid, next, ads, d);
      List<DomainEndpoint> in = remote.stream().filter(e -> e.domain().equals(dom)).toList();
      there.computeIfAbsent(first, k -> new ArrayList<>());
      (first.equals(dom) ? there : beyond)
          .computeIfAbsent(first, k -> new ArrayList<>())
          .addAll(in);
    }
    List<Leg> legs = new ArrayList<>();
    for (var e : there.entrySet()) {
      String peer = e.getKey();
      Advertisement ad =
          ad(peer, next, ads, d)
              .orElseThrow(() -> new AdmissionException("domain " + peer + ": no advertisement"));
      var hop = hop(peer, cirBps, ad);
      legs.add(
          new Leg(
              hop.peering(),
              BorderVlans.choose(
                  peer, checks.freeVlans(hop.peering()), hop.theirs().freeVlans(), prefer, spread),
              e.getValue(),
              beyond.getOrDefault(peer, List.of())));
    }
    return legs;
  }

  /**
   * The domains this domain can carry a slice to through its peers, for a request that has come
   * through {@code trail}: each peer itself, and what the peer advertises beyond it, by the
   * shortest way and then the widest.
   */
  List<Reach> reach(List<String> trail, Deadline d) {
    if (trail.size() >= MAX_TRAIL) {
      return List.of();
    }
    Set<String> avoid = new HashSet<>(trail);
    avoid.add(me());
    List<String> next = append(trail, me());
    Map<String, Reach> best = new LinkedHashMap<>();
    Map<String, Optional<Advertisement>> ads = new HashMap<>();
    for (String p : peers.keySet()) {
      Optional<Advertisement> ad = avoid.contains(p) ? Optional.empty() : ad(p, next, ads, d);
      if (ad.isEmpty()) {
        continue;
      }
      long width = Math.min(linkLeft(p, ad.get()), inside(trail, p));
      offer(best, new Reach(p, List.of(p), width));
      for (Reach r : ad.get().reach()) {
        if (r.path().stream().noneMatch(avoid::contains)) {
          offer(
              best, new Reach(r.domain(), append(List.of(p), r.path()), Math.min(width, r.bps())));
        }
      }
    }
    return List.copyOf(best.values());
  }

  private static void offer(Map<String, Reach> best, Reach r) {
    Reach was = best.get(r.domain());
    if (was == null
        || r.path().size() < was.path().size()
        || r.path().size() == was.path().size() && r.bps() > was.bps()) {
      best.put(r.domain(), r);
    }
  }

  /** The widest of this domain's border links to a peer, as both sides have it left. */
  private long linkLeft(String peer, Advertisement ad) {
    long widest = 0;
    for (Peering p : options.with(peer)) {
      for (Advertisement.Border b : ad.borders()) {
        if (facing(p, b)) {
          widest = Math.max(widest, Math.min(checks.borderLeft(p), b.linkLeftBps()));
        }
      }
    }
    return widest;
  }

  /**
   * The widest way through this domain from its borders with the last domain of the trail to its
   * borders with a peer (unbounded when the trail is empty: the slice starts here).
   */
  private long inside(List<String> trail, String peer) {
    if (trail.isEmpty()) {
      return Long.MAX_VALUE;
    }
    long widest = 0;
    for (Peering in : options.with(trail.getLast())) {
      for (Peering out : options.with(peer)) {
        widest =
            Math.max(widest, Widest.between(topology, paths, in.localDevice(), out.localDevice()));
      }
    }
    return widest;
  }

  private static boolean facing(Peering p, Advertisement.Border b) {
    return b.device().equals(p.peerDevice()) && b.port() == p.peerPort();
  }

  /** The border link chosen towards a peer, and what the peer advertised about it. */
  private record Hop(Peering peering, Advertisement.Border theirs) {}

  /** The first border link to a peer that both sides advertise with the rate left. */
  private Hop hop(String domain, long bps, Advertisement ad) {
    for (Peering p : options.with(domain)) {
      for (Advertisement.Border b : ad.borders()) {
        if (b.peerDomain().equals(me())
            && facing(p, b)
            && b.linkLeftBps() >= bps
            && checks.borderLeft(p) >= bps) {
          return new Hop(p, b);
        }
      }
    }
    throw new AdmissionException(
        "no border link to domain " + domain + " has " + bps + " b/s left on both sides");
  }

  /** The peer a remote domain is reached through: itself, or a peer advertising a way to it. */
  private String firstHop(
      String domain,
      long bps,
      Set<String> avoid,
      List<String> next,
      Map<String, Optional<Advertisement>> ads,
      Deadline d) {
    if (!options.with(domain).isEmpty()) {
      return domain;
    }
    String via = null;
    Reach best = null;
    long widest = -1;
    for (String p : peers.keySet()) {
      Optional<Advertisement> ad = avoid.contains(p) ? Optional.empty() : ad(p, next, ads, d);
      for (Reach r : ad.map(Advertisement::reach).orElse(List.of())) {
        if (!r.domain().equals(domain) || r.path().stream().anyMatch(avoid::contains)) {
          continue;
        }
        widest = Math.max(widest, r.bps());
        if (r.bps() >= bps && (best == null || r.path().size() < best.path().size())) {
          best = r;
          via = p;
        }
      }
    }
    if (best == null) {
      throw new AdmissionException(
          widest < 0
              ? "domain "
                  + domain
                  + " is not a peer of "
                  + me()
                  + " and no peer advertises a way to it"
              : "no way to domain "
                  + domain
                  + " has "
                  + bps
                  + " b/s left (the widest advertised has "
                  + widest
                  + ")");
    }
    return via;
  }

  /** A peer's advertisement, asked once per plan; empty when the peer does not answer. */
  private Optional<Advertisement> ad(
      String peer, List<String> trail, Map<String, Optional<Advertisement>> ads, Deadline d) {
    return ads.computeIfAbsent(
        peer,
        p -> {
          try {
            return Optional.of(peers.get(p).advertise(trail, d));
          } catch (RuntimeException e) {
            log.info("peer {}: no advertisement ({})", p, e.getMessage());
            return Optional.empty();
          }
        });
  }

  static List<String> append(List<String> list, String last) {
    List<String> out = new ArrayList<>(list);
    out.add(last);
    return List.copyOf(out);
  }

  static List<String> append(List<String> first, List<String> then) {
    List<String> out = new ArrayList<>(first);
    out.addAll(then);
    return List.copyOf(out);
  }
}
