package net.vdn.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.Http;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three controllers (two in JVMs of their own), a three-member etcd and the emulated network: the
 * master of a device is killed with -9 while a slice's hosts ping each other across that device.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class FailoverTest {
  private static final Logger log = LoggerFactory.getLogger(FailoverTest.class);
  @TempDir Path dir;

  @Test
  void aKilledMastersDevicesMoveAtAHigherTermAndTrafficKeepsFlowing() throws Exception {
    try (ClusterFixture f = ClusterFixture.start(3, ControllerFixture.SQUARE, dir)) {
      // c2 first (it takes every device), then c1 and c3: the balanced share leaves s1 to c2.
      f.startProcess("c2");
      f.awaitMastered("c2", List.of("c2"), Duration.ofSeconds(30));
      f.startHere("c1");
      f.startProcess("c3");
      f.awaitMastered("c1", List.of("c1", "c2", "c3"), Duration.ofSeconds(30));
      ControllerFixture.await(
          () -> f.readyMasters("c1").values().stream().distinct().count() == 3,
          Duration.ofSeconds(15),
          () -> "masters: " + f.cluster("c1"));
      assertThat(f.master("c1", "s1")).isEqualTo("c2");
      long before = f.term("c1", "s1");
      f.awaitLinks("c1", 8, Duration.ofSeconds(15));

      Http.Answer a =
          f.api("c1")
              .post("/api/v1/slices", ControllerFixture.slice("a", "a", 101, 10, 10_000_000));
      assertThat(a.code()).as(a.text()).isEqualTo(201);
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger sent = new AtomicInteger();
      AtomicInteger lost = new AtomicInteger();
      Thread pinger =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!stop.get()) {
                      try {
                        sent.incrementAndGet();
                        if (f.net.host("a1").ping("10.0.0.3", Duration.ofMillis(300)) == null) {
                          lost.incrementAndGet();
                        }
                        Thread.sleep(20);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
      Thread.sleep(500);

      long killed = System.nanoTime();
      f.kill("c2");
      ControllerFixture.await(
          () -> {
            String m = f.master("c1", "s1");
            return m != null && !m.equals("c2") && f.readyMasters("c1").containsKey("s1");
          },
          Duration.ofSeconds(10),
          () -> "masters: " + f.cluster("c1"));
      long readyMs = (System.nanoTime() - killed) / 1_000_000;
      long after = f.term("c1", "s1");
      assertThat(after).as("the new master's term").isGreaterThan(before);

      // A slice created after the kill, on the device that changed master.
      Http.Answer b = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        b =
            f.api("c1")
                .post("/api/v1/slices", ControllerFixture.slice("b", "b", 102, 11, 10_000_000));
        if (b.code() != 503) {
          break;
        }
        Thread.sleep(50);
      }
      long writtenMs = (System.nanoTime() - killed) / 1_000_000;
      assertThat(b.code()).as(b.text()).isEqualTo(201);
      assertThat(f.net.host("b1").ping("10.0.0.13", Duration.ofSeconds(5))).isNotNull();
      Thread.sleep(500);
      stop.set(true);
      pinger.join();
      log.info(
          "failover: s1 ready at {} after {} ms, first slice written through it after {} ms;"
              + " {} of {} pings lost",
          f.master("c1", "s1"),
          readyMs,
          writtenMs,
          lost.get(),
          sent.get());
      assertThat(lost.get()).as("pings lost of " + sent.get()).isLessThanOrEqualTo(2);
      assertThat(sent.get()).isGreaterThan(10);

      // The new master found the device as the store says it should be: nothing rewritten.
      String master = f.master("c1", "s1");
      JsonNode device = f.api(master).get("/api/v1/devices/s1").json();
      assertThat(device.get("state").asText()).isEqualToIgnoringCase("available");
      JsonNode r = device.get("lastReconcile");
      assertThat(r.get("deleted").asInt() + r.get("inserted").asInt() + r.get("modified").asInt())
          .as("reconciled without a change: " + r)
          .isZero();
      // No slice was lost.
      assertThat(f.api("c1").get("/api/v1/slices").json().size()).isEqualTo(2);
      assertThat(f.api("c3").get("/api/v1/slices").json().size()).isEqualTo(2);
    }
  }
}
