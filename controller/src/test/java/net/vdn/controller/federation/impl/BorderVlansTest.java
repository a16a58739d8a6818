package net.vdn.controller.federation.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.vdn.controller.path.AdmissionException;
import org.junit.jupiter.api.Test;

class BorderVlansTest {
  @Test
  void takesTheLowestVlanFreeOnBothSides() {
    var c = BorderVlans.choose("b", List.of(100, 101, 102), List.of(102, 101));
    assertThat(c).isEqualTo(new BorderVlans.Choice(101, 101));
    assertThat(c.translated()).isFalse();
  }

  @Test
  void withoutACommonVlanEachSideTakesItsOwnAndThePeerTranslates() {
    var c = BorderVlans.choose("b", List.of(100, 101), List.of(300, 301));
    assertThat(c).isEqualTo(new BorderVlans.Choice(100, 300));
    assertThat(c.translated()).isTrue();
  }

  @Test
  void aSideWithNothingFreeIsRefused() {
    assertThatThrownBy(() -> BorderVlans.choose("b", List.of(), List.of(300)))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("this domain's range");
    assertThatThrownBy(() -> BorderVlans.choose("b", List.of(100), List.of()))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("domain b has no VLAN free");
  }

  @Test
  void aTransitsOwnVlanComesFirstWhenBothSidesHaveItFree() {
    assertThat(BorderVlans.choose("c", List.of(100, 101, 102), List.of(100, 101, 102), 102))
        .isEqualTo(new BorderVlans.Choice(102, 102));
    // Not free on the far side: the usual choice.
    assertThat(BorderVlans.choose("c", List.of(100, 101, 102), List.of(100, 101), 102))
        .isEqualTo(new BorderVlans.Choice(100, 100));
  }
}
