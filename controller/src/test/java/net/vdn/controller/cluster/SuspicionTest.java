package net.vdn.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.vdn.controller.ControllerFixture;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A killed master's switches tell the backups its streams ended; the backups then take it for dead
 * as soon as its heartbeat has also stayed still for a few beats, long before the failure timeout
 * (and the lease) would.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class SuspicionTest {
  private static final Logger log = LoggerFactory.getLogger(SuspicionTest.class);
  private static final Duration FAILURE_TIMEOUT = Duration.ofSeconds(3);
  @TempDir Path dir;

  @Test
  void aKilledMastersDevicesMoveWellBeforeTheFailureTimeout() throws Exception {
    try (ClusterFixture f = ClusterFixture.start(1, ControllerFixture.SQUARE, dir)) {
      // A failure timeout of 3 s and a lease of 5 s: only the switches' word moves devices sooner.
      f.timings(Duration.ofSeconds(5), FAILURE_TIMEOUT);
      f.startProcess("c2");
      f.awaitMastered("c2", List.of("c2"), Duration.ofSeconds(30));
      f.startHere("c1");
      ControllerFixture.await(
          () -> f.readyMasters("c1").values().stream().distinct().count() == 2,
          Duration.ofSeconds(20),
          () -> "masters: " + f.cluster("c1"));
      Map<String, Long> held = new TreeMap<>();
      f.readyMasters("c1")
          .forEach(
              (d, m) -> {
                if (m.equals("c2")) {
                  held.put(d, f.term("c1", d));
                }
              });
      assertThat(held).isNotEmpty();

      long killed = System.nanoTime();
      f.kill("c2");
      ControllerFixture.await(
          () -> {
            Map<String, String> ready = f.readyMasters("c1");
            return held.keySet().stream().allMatch(d -> "c1".equals(ready.get(d)));
          },
          Duration.ofSeconds(10),
          () -> "masters: " + f.cluster("c1"));
      long movedMs = (System.nanoTime() - killed) / 1_000_000;
      log.info("devices {} of the killed master ready on c1 after {} ms", held.keySet(), movedMs);
      assertThat(movedMs)
          .as("ready on the survivor (failure timeout %d ms)", FAILURE_TIMEOUT.toMillis())
          .isLessThan(FAILURE_TIMEOUT.toMillis() - 1000);
      held.forEach((d, term) -> assertThat(f.term("c1", d)).as(d).isGreaterThan(term));
    }
  }
}
