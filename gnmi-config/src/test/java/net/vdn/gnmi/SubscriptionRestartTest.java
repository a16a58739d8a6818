package net.vdn.gnmi;

import static net.vdn.gnmi.GnmiClientTest.next;
import static net.vdn.gnmi.GnmiClientTest.until;
import static net.vdn.gnmi.GnmiClientTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A STREAM subscription across a target that is down for seconds and comes back. */
class SubscriptionRestartTest {
  private static final String OPER_1 = "/interfaces/interface[name=1]/state/oper-status";

  @Test
  void aStreamIsBackWithinAQuarterSecondOfARestartedTargetListening() throws Exception {
    FakeGnmiTarget first = new FakeGnmiTarget();
    int port = first.port();
    first.put(OPER_1, GnmiValue.of("UP"));
    // Default reconnect delays: that is what is measured.
    try (var client = GnmiClient.connect(GnmiOptions.builder(first.target()).build());
        var sub =
            client.subscribe(
                SubscriptionList.stream(Subscription.onChange(GnmiPath.parse(OPER_1))))) {
      assertThat(sub.awaitSync(Duration.ofSeconds(5))).isTrue();
      until(sub, e -> e instanceof SubscribeEvent.Sync);
      first.close();
      assertThat(next(sub)).isInstanceOf(SubscribeEvent.Interrupted.class);
      // Down long enough for gRPC's own connect backoff to grow past a second.
      Thread.sleep(3000);
      try (FakeGnmiTarget second = new FakeGnmiTarget(port)) {
        long listening = System.nanoTime();
        second.put(OPER_1, GnmiValue.of("DOWN"));
        List<SubscribeEvent> again = until(sub, e -> e instanceof SubscribeEvent.Sync);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - listening);
        System.out.printf(
            "gNMI reconnect (in-process target down 3 s): synced again %d ms after it listened%n",
            ms);
        assertThat(value(again.getFirst())).isEqualTo(GnmiValue.of("DOWN"));
        assertThat(sub.syncCount()).isEqualTo(2);
        // About 250 ms by design; the bound is wide because test machines stall.
        assertThat(ms).isLessThan(1500);
      }
    }
  }
}
