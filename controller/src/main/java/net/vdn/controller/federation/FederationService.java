package net.vdn.controller.federation;

import java.util.List;
import java.util.Optional;

/**
 * Inter-domain slices. The domain that receives a request finds the domains on the way from the
 * peers' advertisements, reserves in every one of them (each admits locally and holds the
 * reservation for a while), then commits in all of them or aborts in all of them: a refused call
 * leaves nothing held and nothing programmed in any domain it reached.
 */
public interface FederationService {
  /** This controller's domain. */
  String domain();

  /** What this domain shows its peers. */
  Advertisement advertise();

  /** Each peer's advertisement as it answers now (a peer that does not answer is left out). */
  List<Advertisement> peerAdvertisements();

  InterDomainSlice create(InterDomainSpec spec);

  /** Changes the rates of an inter-domain slice in every domain, or in none. */
  InterDomainSlice modify(InterDomainSpec spec);

  void delete(String name);

  Optional<InterDomainSlice> get(String name);

  List<InterDomainSlice> list();

  /** Reservations this domain holds or carries for any domain (its own segments included). */
  List<FederationStore.Hold> holds();
}
