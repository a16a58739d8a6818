package net.vdn.controller.federation.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.vdn.controller.federation.DomainEndpoint;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.controller.federation.Segment;
import net.vdn.controller.federation.SegmentState;
import net.vdn.controller.federation.impl.Routes.Leg;
import net.vdn.controller.path.AdmissionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segments of an inter-domain slice beyond this domain, as this domain asks its peers for them
 * along the legs {@link Routes} planned: reserve, commit, new rates and release, each peer doing
 * the same for what it reaches onward. A peer's refusal or silence becomes this domain's refusal,
 * naming the peer.
 */
final class Onward {
  private static final Logger log = LoggerFactory.getLogger(Onward.class);

  /** What every segment of the slice is asked to carry. */
  record Terms(String name, long cirBps, long pirBps, int burstMs, int trafficClass) {}

  private final FederationOptions options;
  private final Map<String, PeerClient> peers;

  Onward(FederationOptions options, Map<String, PeerClient> peers) {
    this.options = options;
    this.peers = peers;
  }

  private String me() {
    return options.domain();
  }

  /** The segment a leg asks for, as this domain keeps it (held, named as the peer names it). */
  Segment planned(String base, String name, Leg l) {
    List<DomainEndpoint> eps = new ArrayList<>(l.there());
    eps.add(
        new DomainEndpoint(
            l.domain(), l.peering().peerDevice(), l.peering().peerPort(), l.vlans().onLink()));
    return new Segment(
        l.domain(),
        base + "." + l.domain(),
        me() + "." + name,
        eps,
        SegmentState.HELD,
        l.vlans().peer(),
        me());
  }

  /** This domain's own border point on a leg's link, tagged with the VLAN on the link. */
  DomainEndpoint near(Leg l) {
    return new DomainEndpoint(
        me(), l.peering().localDevice(), l.peering().localPort(), l.vlans().onLink());
  }

  /**
   * Asks each leg's peer to reserve its segment. Returns the segments asked for: the legs' and
   * those the peers asked onward. On a refusal it throws, and what was reached is left to {@link
   * #release}.
   */
  List<Segment> reserve(String base, Terms t, List<Leg> legs, List<String> trail, Deadline d) {
    List<Segment> out = new ArrayList<>();
    for (Leg l : legs) {
      Segment s = planned(base, t.name(), l);
      List<PeerMessages.Point> points = new ArrayList<>();
      l.there()
          .forEach(e -> points.add(new PeerMessages.Point(e.device(), e.port(), false, e.vlan())));
      points.add(
          new PeerMessages.Point(
              l.peering().peerDevice(), l.peering().peerPort(), true, l.vlans().onLink()));
      PeerMessages.Reserve r =
          new PeerMessages.Reserve(
              s.requestId(),
              me(),
              t.name(),
              points,
              s.vlan(),
              t.cirBps(),
              t.pirBps(),
              t.burstMs(),
              t.trafficClass(),
              l.beyond().stream().map(DomainEndpoint::toString).toList(),
              Routes.append(trail, me()));
      PeerMessages.Answer a = call(s, () -> peer(s.domain()).reserve(r, d));
      out.add(s);
      out.addAll(a.onward());
      log.debug(
          "slice {}: {} holds {} ({} ms left)", t.name(), s.domain(), a.id(), a.expiresInMs());
    }
    return out;
  }

  /** Commits the segments this domain asked for (each peer commits what it asked onward first). */
  List<Segment> commit(List<Segment> segments, Deadline d) {
    for (Segment s : asked(segments)) {
      call(s, () -> peer(s.domain()).commit(s.requestId(), d));
    }
    return segments.stream().map(s -> s.with(SegmentState.COMMITTED)).toList();
  }

  /**
   * Releases the segments this domain asked for and not released yet (each peer releases what it
   * asked onward). Returns the segments as they are now: released, or kept where their domain did
   * not answer or refused (their domains' own segments beyond them with them).
   */
  List<Segment> release(String name, List<Segment> segments, Deadline d) {
    Set<String> kept = new HashSet<>();
    for (Segment s : asked(segments)) {
      if (s.state() == SegmentState.RELEASED) {
        continue;
      }
      try {
        peer(s.domain()).release(s.requestId(), d);
      } catch (RuntimeException e) {
        kept.add(s.domain());
        log.warn(
            "slice {}: domain {} did not release {} ({}); an uncommitted hold expires there",
            name,
            s.domain(),
            s.requestId(),
            e.getMessage());
      }
    }
    // A kept segment keeps those its domain asked for beyond it (listed after it), and so on.
    List<Segment> out = new ArrayList<>();
    for (Segment s : segments) {
      boolean keep = s.askedBy(me()) ? kept.contains(s.domain()) : kept.contains(s.via());
      if (keep) {
        kept.add(s.domain());
      }
      out.add(keep ? s : s.with(SegmentState.RELEASED));
    }
    return out;
  }

  /** The domains of a list whose segments are not released (none when all are). */
  static List<String> unreleased(List<Segment> segments) {
    return segments.stream()
        .filter(s -> s.state() != SegmentState.RELEASED)
        .map(Segment::domain)
        .toList();
  }

  /**
   * New rates for the committed segments this domain asked for; on a refusal, those changed already
   * get their old rates back and the refusal is thrown.
   */
  void rates(List<Segment> segments, PeerMessages.Rates now, PeerMessages.Rates was, Deadline d) {
    List<Segment> done = new ArrayList<>();
    try {
      for (Segment s : asked(segments)) {
        call(s, () -> peer(s.domain()).modify(s.requestId(), now, d));
        done.add(s);
      }
    } catch (RuntimeException e) {
      for (Segment s : done) {
        try {
          peer(s.domain()).modify(s.requestId(), was, d);
        } catch (RuntimeException again) {
          log.warn("segment {}: {} keeps the new rates ({})", s.requestId(), s.domain(), again);
        }
      }
      throw e;
    }
  }

  private PeerClient peer(String domain) {
    PeerClient c = peers.get(domain);
    if (c == null) {
      throw new AdmissionException(
          "domain " + domain + " is no longer a peer of " + me() + " (its peering is gone)");
    }
    return c;
  }

  private List<Segment> asked(List<Segment> segments) {
    return segments.stream().filter(s -> s.askedBy(me()) && !s.domain().equals(me())).toList();
  }

  /** Runs a step in one peer; its refusal or silence becomes this domain's refusal. */
  static PeerMessages.Answer call(Segment s, Supplier<PeerMessages.Answer> step) {
    try {
      return step.get();
    } catch (PeerClient.PeerFailure e) {
      if ("VLAN_TAKEN".equals(e.status)) {
        throw new VlanTakenException("domain " + s.domain() + " refused: " + e.getMessage());
      }
      // An unanswered request's message names the domain already.
      throw new AdmissionException(
          e.unanswered() ? e.getMessage() : "domain " + s.domain() + " refused: " + e.getMessage());
    } catch (AdmissionException | VlanTakenException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AdmissionException("domain " + s.domain() + ": " + e.getMessage());
    }
  }
}
