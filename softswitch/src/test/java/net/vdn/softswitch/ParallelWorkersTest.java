package net.vdn.softswitch;

import static net.vdn.softswitch.Fixtures.bytes;
import static net.vdn.softswitch.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.vdn.softswitch.extern.CounterData;
import net.vdn.softswitch.extern.MeterConfig;
import net.vdn.softswitch.table.EntryAction;
import net.vdn.softswitch.table.KeyMatch;
import net.vdn.softswitch.table.TableEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Workers processing packets at the same time: shared state stays exact, writes stay atomic. */
class ParallelWorkersTest {
  private static final int THREADS = 4;
  private static final String HOST_A = "00:00:00:00:00:0a";
  private static final String HOST_B = "00:00:00:00:00:0b";

  private final Fixtures.ManualClock clock = new Fixtures.ManualClock();
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Runs {@code perThread} packets on each of {@link #THREADS} workers at once. */
  private List<Long> race(Switch sw, int perThread, int port, byte[] frame) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Callable<Long> job =
          () -> {
            try (Switch.Worker w = sw.newWorker()) {
              start.await();
              long out = 0;
              for (int i = 0; i < perThread; i++) {
                out += w.process(port, frame).size();
              }
              return out;
            }
          };
      done.add(pool.submit(job));
    }
    start.countDown();
    List<Long> outs = new ArrayList<>();
    for (Future<Long> f : done) {
      outs.add(f.get(60, TimeUnit.SECONDS));
    }
    return outs;
  }

  @Test
  void countersLoseNoIncrementWhenWorkersCountTheSameCells() throws Exception {
    Switch sw = Fixtures.load("router.json", clock);
    var l2 = sw.table("MyIngress.l2_exact");
    var match = List.<KeyMatch>of(new KeyMatch.Exact(bytes(HOST_A)));
    l2.insert(new TableEntry(match, 0, new EntryAction.Call(5, List.of(new byte[] {5}))));
    sw.table("MyIngress.ipv4_lpm")
        .insert(
            new TableEntry(
                List.of(new KeyMatch.Lpm(ip(10, 0, 0, 0), 8)),
                0,
                new EntryAction.Call(4, List.of(bytes("000000000008"), new byte[] {2}))));
    byte[] frame = Fixtures.ethernet(HOST_A, HOST_B, 0x88cc, 50);
    byte[] packet = Fixtures.ipv4Packet(HOST_A, HOST_B, ip(1, 1, 1, 1), ip(10, 0, 0, 1), 9);

    List<Long> bridged = race(sw, 20_000, 1, frame);
    List<Long> routed = race(sw, 20_000, 7, packet);

    long total = THREADS * 20_000L;
    assertThat(bridged.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
    assertThat(routed.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
    sw.lock().lock();
    try {
      assertThat(l2.directCounter(match, 0)).isEqualTo(new CounterData(total, total * 64));
      assertThat(sw.counter("MyIngress.port_counter").read(7))
          .isEqualTo(new CounterData(total, total * 40));
      // A counter written by the control plane starts again from the value written.
      sw.counter("MyIngress.port_counter").write(7, new CounterData(5, 6));
    } finally {
      sw.lock().unlock();
    }
    race(sw, 1_000, 7, packet);
    assertThat(sw.counter("MyIngress.port_counter").read(7))
        .isEqualTo(new CounterData(5 + THREADS * 1_000L, 6 + THREADS * 1_000L * 40));
  }

  @Test
  void aMeterAdmitsNoMoreThanItsBurstWhenWorkersRaceForIt() throws Exception {
    Switch sw = Fixtures.load("features.json", clock);
    var acl = sw.table("MyIngress.acl");
    List<KeyMatch> match = Arrays.asList(new KeyMatch.Ternary(bytes("0806"), bytes("ffff")), null);
    int aclSetPort = 4; // MyIngress.acl_set_port, as FeaturesTest has it
    acl.insert(new TableEntry(match, 1, new EntryAction.Call(aclSetPort, List.of(new byte[] {2}))));
    byte[] frame = Fixtures.ethernet("00:00:00:00:00:01", "00:00:00:00:00:02", 0x0806, 86);
    // Bursts of exactly 1000 frames at both rates, and a clock that does not move: the meter may
    // pass 1000 frames and no more, however the workers interleave.
    long burst = 1000L * frame.length;
    acl.directMeter(match, 1, new MeterConfig(1, burst, 1, burst));

    List<Long> out = race(sw, 10_000, 1, frame);

    assertThat(out.stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
  }

  @Test
  void theControlLockHoldsEveryWorkerBackUntilItIsReleased() throws Exception {
    Switch sw = Fixtures.load("router.json", clock);
    sw.table("MyIngress.l2_exact")
        .insert(
            new TableEntry(
                List.of(new KeyMatch.Exact(bytes(HOST_A))),
                0,
                new EntryAction.Call(5, List.of(new byte[] {5}))));
    byte[] frame = Fixtures.ethernet(HOST_A, HOST_B, 0x88cc, 50);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong processed = new AtomicLong();
    List<Future<?>> jobs = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      jobs.add(
          pool.submit(
              () -> {
                try (Switch.Worker w = sw.newWorker()) {
                  while (running.get()) {
                    w.process(1, frame);
                    processed.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    while (processed.get() < 1000) {
      Thread.onSpinWait();
    }
    sw.lock().lock();
    long held;
    try {
      held = processed.get();
      Thread.sleep(100);
      // At most the packet each worker had started when the lock was taken completes.
      assertThat(processed.get() - held).isLessThanOrEqualTo(2);
      held = processed.get();
      Thread.sleep(100);
      assertThat(processed.get()).isEqualTo(held);
    } finally {
      sw.lock().unlock();
    }
    long after = held;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (processed.get() < after + 1000 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    running.set(false);
    for (Future<?> j : jobs) {
      j.get(10, TimeUnit.SECONDS);
    }
    assertThat(processed.get()).isGreaterThanOrEqualTo(after + 1000);
  }
}
