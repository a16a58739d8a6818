package net.vdn.optical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OpticalChannelTest {
  @Test
  void badFieldsAreNamed() {
    assertThatThrownBy(() -> OpticalChannel.of("a b", 193_100_000, "c", "l"))
        .hasMessageStartingWith("name");
    assertThatThrownBy(() -> OpticalChannel.of("a", 100, "c", "l"))
        .hasMessageStartingWith("frequencyMhz");
    assertThatThrownBy(() -> new OpticalChannel("a", 193_100_000, 1, null, "c", "l"))
        .hasMessageStartingWith("widthMhz");
    assertThatThrownBy(() -> OpticalChannel.of("a", 193_100_000, "c", "c"))
        .hasMessageStartingWith("destinationPort");
    assertThatThrownBy(() -> OpticalChannel.of("a", 193_100_000, "c\"", "l"))
        .hasMessageStartingWith("sourcePort");
    OpticalChannel ok = OpticalChannel.of("a", 193_100_000, "c", "l");
    assertThatThrownBy(() -> ok.withTargetPowerDbm(new BigDecimal("1.234")))
        .hasMessageStartingWith("targetPowerDbm");
    assertThatThrownBy(() -> ok.withTargetPowerDbm(new BigDecimal("30")))
        .hasMessageStartingWith("targetPowerDbm");
  }

  @Test
  void powerIsKeptWithTwoDecimalsSoReadBackValuesAreEqual() {
    OpticalChannel a =
        OpticalChannel.of("a", 193_100_000, "c", "l").withTargetPowerDbm(new BigDecimal("-1.5"));
    OpticalChannel b =
        OpticalChannel.of("a", 193_100_000, "c", "l").withTargetPowerDbm(new BigDecimal("-1.50"));
    assertThat(a).isEqualTo(b);
    assertThat(a.targetPowerDbm().toPlainString()).isEqualTo("-1.50");
  }
}
