package net.vdn.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void ratesHaveUnitsAndSharesArePercent() {
    assertThat(Units.bps(100_000_000_000L)).isEqualTo("100G");
    assertThat(Units.bps(20_000_000)).isEqualTo("20M");
    assertThat(Units.bps(1_500_000)).isEqualTo("1.5M");
    assertThat(Units.bps(999)).isEqualTo("999");
    assertThat(Units.bps(0)).isEqualTo("0");
    assertThat(Units.percent(4.8e-9)).isEqualTo("0.0%");
    assertThat(Units.percent(0.125)).isEqualTo("12.5%");
    assertThat(Units.header("capacityBps")).isEqualTo("capacity");
    assertThat(Units.header("utilization")).isEqualTo("utilization");
  }
}
