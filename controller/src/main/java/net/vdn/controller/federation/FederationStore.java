package net.vdn.controller.federation;

import java.util.List;
import java.util.Optional;
import net.vdn.controller.slice.SliceSpec;

/**
 * What federation keeps durably: the inter-domain slices this domain was asked for, and the
 * reservations it holds or carries for any domain. A write returns once it is durable.
 */
public interface FederationStore {
  /**
   * A reservation in this domain, by request id.
   *
   * @param origin the domain that asked for it
   * @param digest what was asked, to tell a retry (same id, same request) from a conflict
   * @param spec the local slice that carries it
   * @param expiresAtMillis when a held reservation is released if not committed (wall clock)
   * @param onward the segments beyond this domain that this domain asked of its own peers for the
   *     origin (a transit domain's), with those they asked for in turn; empty when the slice ends
   *     here
   */
  record Hold(
      String id,
      String origin,
      String digest,
      SliceSpec spec,
      SegmentState state,
      long expiresAtMillis,
      List<Segment> onward) {
    public Hold {
      onward = onward == null ? List.of() : List.copyOf(onward);
    }

    /** A reservation that ends in this domain. */
    public Hold(
        String id,
        String origin,
        String digest,
        SliceSpec spec,
        SegmentState state,
        long expiresAtMillis) {
      this(id, origin, digest, spec, state, expiresAtMillis, List.of());
    }

    public Hold with(SegmentState s) {
      return new Hold(id, origin, digest, spec, s, expiresAtMillis, onward);
    }

    public Hold with(SliceSpec s) {
      return new Hold(id, origin, digest, s, state, expiresAtMillis, onward);
    }

    public Hold withOnward(List<Segment> segments) {
      return new Hold(id, origin, digest, spec, state, expiresAtMillis, segments);
    }
  }

  void putHold(Hold hold);

  void removeHold(String id);

  Optional<Hold> hold(String id);

  List<Hold> holds();

  void putInterDomain(InterDomainSlice slice);

  void removeInterDomain(String name);

  List<InterDomainSlice> interDomainSlices();
}
