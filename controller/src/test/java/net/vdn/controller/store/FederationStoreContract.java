package net.vdn.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.vdn.controller.federation.DomainEndpoint;
import net.vdn.controller.federation.FederationStore;
import net.vdn.controller.federation.FederationStore.Hold;
import net.vdn.controller.federation.InterDomainSlice;
import net.vdn.controller.federation.InterDomainSpec;
import net.vdn.controller.federation.Segment;
import net.vdn.controller.federation.SegmentState;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import org.junit.jupiter.api.Test;

/** What every federation store does, run against each implementation. */
public abstract class FederationStoreContract {
  /** A fresh, empty store. */
  protected abstract FederationStore open();

  /** The same store opened again (a file store re-read); the same object for memory. */
  protected abstract FederationStore reopen(FederationStore store);

  static Hold hold(String id, SegmentState state) {
    SliceSpec spec =
        new SliceSpec(
            "a.x",
            "a",
            100,
            List.of(new Endpoint("b1", 20, null, null, 100), Endpoint.of("b2", 10)),
            10_000_000,
            20_000_000,
            0,
            1,
            null);
    return new Hold(id, "a", "digest-" + id, spec, state, 1234567L);
  }

  static InterDomainSlice slice(String name) {
    InterDomainSpec spec =
        new InterDomainSpec(
            name,
            "t",
            List.of(DomainEndpoint.parse("a:s1:10"), DomainEndpoint.parse("b:b2:10:100")),
            10_000_000,
            10_000_000,
            0,
            0);
    return new InterDomainSlice(
        spec,
        100,
        List.of(
            new Segment(
                "a",
                "r.a",
                name,
                List.of(DomainEndpoint.parse("a:s2:20:100")),
                SegmentState.COMMITTED,
                100),
            new Segment(
                "b",
                "r.b",
                "a." + name,
                List.of(DomainEndpoint.parse("b:b1:20:100")),
                SegmentState.HELD,
                300)));
  }

  @Test
  void holdsAreKeptReplacedAndRemovedById() {
    FederationStore s = open();
    s.putHold(hold("r1", SegmentState.HELD));
    s.putHold(hold("r2", SegmentState.HELD));
    s.putHold(hold("r1", SegmentState.COMMITTED));
    FederationStore again = reopen(s);
    assertThat(again.holds())
        .containsExactly(hold("r1", SegmentState.COMMITTED), hold("r2", SegmentState.HELD));
    assertThat(again.hold("r2")).contains(hold("r2", SegmentState.HELD));
    again.removeHold("r1");
    again.removeHold("nothing");
    assertThat(reopen(again).holds()).containsExactly(hold("r2", SegmentState.HELD));
  }

  @Test
  void aTransitsHoldKeepsTheSegmentsItAskedBeyondIt() {
    Segment c =
        new Segment(
            "c",
            "r1.c",
            "b.a.x",
            List.of(DomainEndpoint.parse("c:c1:20:300"), DomainEndpoint.parse("c:c2:10")),
            SegmentState.HELD,
            300,
            "b");
    Hold transit = hold("r1", SegmentState.HELD).withOnward(List.of(c));
    FederationStore s = open();
    s.putHold(transit);
    s.putHold(
        transit.with(SegmentState.COMMITTED).withOnward(List.of(c.with(SegmentState.COMMITTED))));
    Hold back = reopen(s).hold("r1").orElseThrow();
    assertThat(back.onward()).containsExactly(c.with(SegmentState.COMMITTED));
    assertThat(back.onward().getFirst().askedBy("b")).isTrue();
    assertThat(back.onward().getFirst().askedBy("a")).isFalse();
  }

  @Test
  void interDomainSlicesAreKeptReplacedAndRemovedByName() {
    FederationStore s = open();
    s.putInterDomain(slice("x"));
    s.putInterDomain(slice("y"));
    FederationStore again = reopen(s);
    assertThat(again.interDomainSlices()).containsExactly(slice("x"), slice("y"));
    again.removeInterDomain("x");
    assertThat(reopen(again).interDomainSlices()).containsExactly(slice("y"));
  }
}
