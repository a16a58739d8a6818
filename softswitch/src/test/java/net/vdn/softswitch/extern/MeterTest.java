package net.vdn.softswitch.extern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void unconfiguredMeterIsGreen() {
    assertThat(new Meter().execute(0, 1_000_000)).isEqualTo(Meter.GREEN);
  }

  @Test
  void trTcmFollowsRfc2698() {
    Meter m = new Meter();
    m.configure(new MeterConfig(1000, 1500, 2000, 3000));
    assertThat(m.execute(0, 1500)).isEqualTo(Meter.GREEN);
    assertThat(m.execute(0, 1000)).isEqualTo(Meter.YELLOW);
    assertThat(m.execute(0, 1000)).isEqualTo(Meter.RED);
    assertThat(m.execute(SECOND / 2, 500)).isEqualTo(Meter.GREEN);
    assertThat(m.execute(10 * SECOND, 1500)).isEqualTo(Meter.GREEN);
    assertThat(m.execute(10 * SECOND, 1501)).isEqualTo(Meter.RED);
  }

  @Test
  void hugeIdleTimesRefillWithoutOverflow() {
    Meter m = new Meter();
    m.configure(new MeterConfig(100_000_000_000L, 1000, 100_000_000_000L, 1000));
    m.execute(0, 1000);
    assertThat(m.execute(Long.MAX_VALUE / 2, 1000)).isEqualTo(Meter.GREEN);
  }
}
