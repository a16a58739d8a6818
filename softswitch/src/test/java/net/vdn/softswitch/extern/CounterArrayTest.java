package net.vdn.softswitch.extern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class CounterArrayTest {
  @Test
  void threadsOnTheirOwnAndOnSharedStripesLoseNoCount() throws Exception {
    CounterArray c = new CounterArray("c", 1, 16);
    int threads = 4;
    int each = 100_000;
    CyclicBarrier start = new CyclicBarrier(threads);
    Thread[] all = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int stripe = t; // with fewer stripes than threads, some share one
      all[t] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < each; i++) {
                      c.count(stripe, i % 2 == 0 ? 0 : 15, 100);
                    }
                  });
    }
    for (Thread t : all) {
      t.join();
    }
    assertThat(c.read(0)).isEqualTo(new CounterData(threads * each / 2L, threads * each * 50L));
    assertThat(c.read(15)).isEqualTo(new CounterData(threads * each / 2L, threads * each * 50L));
    assertThat(c.read(7)).isEqualTo(CounterData.ZERO);
  }

  @Test
  void writesReadsAndResetsTouchOnlyTheirCells() {
    CounterArray c = new CounterArray("c", 1, 3);
    c.count(1, 0, 10);
    c.count(0, 2, 20);
    c.count(1, -1, 10);
    c.count(1, 3, 10);
    c.write(1, new CounterData(5, 50));
    assertThat(c.read(0)).isEqualTo(new CounterData(1, 10));
    assertThat(c.read(1)).isEqualTo(new CounterData(5, 50));
    assertThat(c.read(2)).isEqualTo(new CounterData(1, 20));
    c.write(0, CounterData.ZERO);
    assertThat(c.read(0)).isEqualTo(CounterData.ZERO);
    c.reset();
    assertThat(c.read(1)).isEqualTo(CounterData.ZERO);
    assertThatThrownBy(() -> c.read(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
