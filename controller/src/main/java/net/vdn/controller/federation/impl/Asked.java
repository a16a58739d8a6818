package net.vdn.controller.federation.impl;

import java.util.List;
import net.vdn.controller.federation.DomainEndpoint;

/**
 * A reserve request as read before anything is held: its id, origin and VLAN checked, the domains
 * it has come through, the endpoints beyond the receiving domain, and what tells a retry of it from
 * another request under the same id.
 *
 * @param own whether the receiving domain asked it of itself (the requesting domain's own segment)
 * @param trail the domains it has come through: none for the domain's own, the sender last for a
 *     peer's (a peer that names none sent it from its own domain)
 */
record Asked(boolean own, List<String> trail, List<DomainEndpoint> beyond, String digest) {
  /** Reads a request received by domain {@code me}, for {@code tenant} when it is its own. */
  static Asked read(PeerMessages.Reserve r, String tenant, String me) {
    if (r.id() == null || !r.id().matches("[A-Za-z0-9._:-]{1,80}")) {
      throw new IllegalArgumentException("id: needs 1-80 letters, digits, '.', '_', ':' or '-'");
    }
    if (r.origin() == null || r.name() == null) {
      throw new IllegalArgumentException("origin/name: required");
    }
    boolean own = r.origin().equals(me);
    if (r.vlan() == 0 && !own) {
      throw new IllegalArgumentException("vlan: required");
    }
    return new Asked(
        own,
        trail(r, own, me),
        r.beyond().stream().map(DomainEndpoint::parse).toList(),
        r.origin() + "|" + tenant + "|" + r);
  }

  private static List<String> trail(PeerMessages.Reserve r, boolean own, String me) {
    if (own) {
      if (!r.trail().isEmpty()) {
        throw new IllegalArgumentException("trail: a domain's own request has come through none");
      }
      return List.of();
    }
    return trail(r.trail(), r.origin(), me);
  }

  /**
   * The domains a peer's request (a reserve, or the advertisement it asks for) has come through,
   * checked: the sender last, each domain once, never the receiver {@code me}, at most {@link
   * Routes#MAX_TRAIL}; none named means the sender's own.
   */
  static List<String> trail(List<String> t, String sender, String me) {
    if (t.isEmpty()) {
      return List.of(sender);
    }
    if (!t.getLast().equals(sender)
        || t.contains(me)
        || t.size() > Routes.MAX_TRAIL
        || t.stream().distinct().count() != t.size()) {
      throw new IllegalArgumentException(
          "trail: "
              + t
              + " must end with the sender "
              + sender
              + ", name each domain once, not "
              + me
              + ", and at most "
              + Routes.MAX_TRAIL);
    }
    return t;
  }
}
