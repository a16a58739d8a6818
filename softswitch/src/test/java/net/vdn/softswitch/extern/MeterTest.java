package net.vdn.softswitch.extern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
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

  @Test
  void twoThreadsOnOneMeterGetExactlyTheBurstsWhenTheClockStands() throws Exception {
    Meter m = new Meter();
    m.configure(new MeterConfig(1000, 1000, 1000, 3000));
    AtomicLongArray colors = new AtomicLongArray(3);
    hammer(2, 200_000, () -> 0L, m, colors);
    // Nothing refills: 1000 units green, 2000 more yellow, every other one red, however the two
    // threads interleave.
    assertThat(colors.get(Meter.GREEN)).isEqualTo(1000);
    assertThat(colors.get(Meter.YELLOW)).isEqualTo(2000);
    assertThat(colors.get(Meter.RED)).isEqualTo(400_000 - 3000);
  }

  @Test
  void twoThreadsOnOneMeterAdmitNoMoreThanTheRatesAllow() throws Exception {
    Meter m = new Meter();
    long cir = 1_000_000;
    long pir = 2_000_000;
    m.configure(new MeterConfig(cir, 100, pir, 200));
    // A shared clock that moves 100 ns at every marking: 400,000 markings are 40 ms, in which the
    // rates allow cir * 0.04 = 40,000 green units (and the burst) and pir * 0.04 = 80,000 green or
    // yellow ones.
    AtomicLong clock = new AtomicLong();
    AtomicLongArray colors = new AtomicLongArray(3);
    hammer(2, 200_000, () -> clock.addAndGet(100), m, colors);
    long elapsedNanos = clock.get();
    long green = colors.get(Meter.GREEN);
    long yellow = colors.get(Meter.YELLOW);
    assertThat(green).isLessThanOrEqualTo(100 + cir * elapsedNanos / 1_000_000_000L);
    assertThat(green + yellow).isLessThanOrEqualTo(200 + pir * elapsedNanos / 1_000_000_000L);
    // And the meter is not starved by the race: most of what the rates allow gets through.
    assertThat(green).isGreaterThan(cir * elapsedNanos / 1_000_000_000L / 2);
    assertThat(green + colors.get(Meter.RED) + yellow).isEqualTo(400_000);
  }

  @Test
  void reconfiguringRefillsTheBuckets() {
    Meter m = new Meter();
    m.configure(new MeterConfig(1, 10, 1, 10));
    assertThat(m.execute(0, 10)).isEqualTo(Meter.GREEN);
    assertThat(m.execute(0, 1)).isEqualTo(Meter.RED);
    m.configure(new MeterConfig(1, 10, 1, 10));
    assertThat(m.execute(0, 10)).isEqualTo(Meter.GREEN);
    m.configure(null);
    assertThat(m.config()).isNull();
    assertThat(m.execute(0, 1_000)).isEqualTo(Meter.GREEN);
  }

  private static void hammer(
      int threads,
      int marks,
      java.util.function.LongSupplier clock,
      Meter m,
      AtomicLongArray colors)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    Thread[] all = new Thread[threads];
    Throwable[] failed = new Throwable[1];
    for (int t = 0; t < threads; t++) {
      all[t] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    long[] mine = new long[3];
                    try {
                      start.await();
                      for (int i = 0; i < marks; i++) {
                        mine[m.execute(clock.getAsLong(), 1)]++;
                      }
                    } catch (Exception e) {
                      failed[0] = e;
                    }
                    for (int c = 0; c < 3; c++) {
                      colors.addAndGet(c, mine[c]);
                    }
                  });
    }
    for (Thread t : all) {
      t.join();
    }
    assertThat(failed[0]).isNull();
  }
}
