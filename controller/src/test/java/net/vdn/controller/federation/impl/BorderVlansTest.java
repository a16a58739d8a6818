package net.vdn.controller.federation.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.vdn.controller.path.AdmissionException;
import org.junit.jupiter.api.Test;

class BorderVlansTest {
  @Test
  void takesTheLowestVlanFreeOnBothSides() {
    var c = BorderVlans.choose("b", List.of(100, 101, 102), List.of(102, 101), null, false);
    assertThat(c).isEqualTo(new BorderVlans.Choice(101, 101));
    assertThat(c.translated()).isFalse();
  }

  @Test
  void withoutACommonVlanEachSideTakesItsOwnAndThePeerTranslates() {
    var c = BorderVlans.choose("b", List.of(100, 101), List.of(300, 301), null, false);
    assertThat(c).isEqualTo(new BorderVlans.Choice(100, 300));
    assertThat(c.translated()).isTrue();
  }

  @Test
  void aSideWithNothingFreeIsRefused() {
    assertThatThrownBy(() -> BorderVlans.choose("b", List.of(), List.of(300), null, false))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("this domain's range");
    assertThatThrownBy(() -> BorderVlans.choose("b", List.of(100), List.of(), null, false))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("domain b has no VLAN free");
  }

  @Test
  void aTransitsOwnVlanComesFirstWhenBothSidesHaveItFree() {
    assertThat(BorderVlans.choose("c", List.of(100, 101, 102), List.of(100, 101, 102), 102, false))
        .isEqualTo(new BorderVlans.Choice(102, 102));
    // Not free on the far side: the usual choice.
    assertThat(BorderVlans.choose("c", List.of(100, 101, 102), List.of(100, 101), 102, false))
        .isEqualTo(new BorderVlans.Choice(100, 100));
  }

  @Test
  void chosenAgainTheVlanIsAnyFreeOneNotTheLowest() {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      var c =
          BorderVlans.choose("b", List.of(100, 101, 102, 103), List.of(101, 102, 103), null, true);
      assertThat(c.onLink()).isEqualTo(c.peer()).isIn(101, 102, 103);
      seen.add(c.onLink());
    }
    assertThat(seen).as("spread over the common VLANs").hasSizeGreaterThan(1);
    var apart = BorderVlans.choose("b", List.of(100, 101), List.of(300, 301), null, true);
    assertThat(apart.onLink()).isIn(100, 101);
    assertThat(apart.peer()).isIn(300, 301);
  }
}
