package net.vdn.controller.federation.impl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.vdn.controller.path.AdmissionException;

/**
 * The VLANs of an inter-domain slice on one border link, from what each side can still use there: a
 * VLAN free on both sides when there is one, carried on the link and as the slice's VLAN in both
 * domains; otherwise this side's lowest free VLAN on the link and the peer's lowest free VLAN for
 * its segment, the peer translating between the two at its border port.
 */
final class BorderVlans {
  private BorderVlans() {}

  /**
   * What was chosen on one border link.
   *
   * @param onLink the VLAN the frames carry on the inter-domain link
   * @param peer the VLAN of the peer's segment (its slice's id); the peer translates when it
   *     differs
   */
  record Choice(int onLink, int peer) {
    boolean translated() {
      return onLink != peer;
    }
  }

  /**
   * Chooses from this side's free VLANs on the link and the peer's, each in ascending order: {@code
   * prefer} first when it is free on both sides (a transit domain's own VLAN, so that its segment
   * needs no translation there); with {@code spread}, at random among the VLANs free on both sides
   * (or each side's own), for a request chosen again after another domain took the same VLAN at the
   * same moment, so that two domains asking each other do not meet on the same VLAN again.
   *
   * @param peerDomain the domain on the other side, for the refusal's words
   * @param prefer the VLAN to take when both sides have it free, or null
   */
  static Choice choose(
      String peerDomain, List<Integer> mine, List<Integer> theirs, Integer prefer, boolean spread) {
    if (prefer != null && mine.contains(prefer) && theirs.contains(prefer)) {
      return new Choice(prefer, prefer);
    }
    if (spread && !mine.isEmpty() && !theirs.isEmpty()) {
      var random = java.util.concurrent.ThreadLocalRandom.current();
      List<Integer> both = mine.stream().filter(new HashSet<>(theirs)::contains).toList();
      if (!both.isEmpty()) {
        int v = both.get(random.nextInt(both.size()));
        return new Choice(v, v);
      }
      return new Choice(
          mine.get(random.nextInt(mine.size())), theirs.get(random.nextInt(theirs.size())));
    }
    Set<Integer> free = new HashSet<>(theirs);
    for (int v : mine) {
      if (free.contains(v)) {
        return new Choice(v, v);
      }
    }
    if (mine.isEmpty()) {
      throw new AdmissionException(
          "no VLAN of this domain's range on the border link to " + peerDomain + " is free");
    }
    if (theirs.isEmpty()) {
      throw new AdmissionException(
          "domain " + peerDomain + " has no VLAN free on its side of the border link");
    }
    return new Choice(mine.getFirst(), theirs.getFirst());
  }
}
