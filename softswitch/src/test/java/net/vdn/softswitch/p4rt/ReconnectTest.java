package net.vdn.softswitch.p4rt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.ElectionId;
import net.vdn.p4runtime.MastershipEvent;
import net.vdn.p4runtime.P4RuntimeClient;
import org.junit.jupiter.api.Test;

/** The client across a target restart: it reconnects by itself and is primary again. */
class ReconnectTest {
  @Test
  void clientRegainsPrimaryWithTheSameElectionIdAfterTheTargetRestarts() throws Exception {
    SoftswitchDevice first = new SoftswitchDevice(1, 255);
    int port = first.serve("127.0.0.1", 0);
    try (var client =
        P4RuntimeClient.connect(
            ClientOptions.builder("127.0.0.1:" + port)
                .electionId(7)
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(400))
                .build())) {
      assertThat(client.awaitPrimary(Duration.ofSeconds(5))).isTrue();
      LinkedBlockingQueue<MastershipEvent> events = new LinkedBlockingQueue<>();
      client.onMastership(events::add);

      first.close();
      assertThat(events.poll(10, TimeUnit.SECONDS)).isInstanceOf(MastershipEvent.PrimaryLost.class);
      assertThat(client.isPrimary()).isFalse();

      SoftswitchDevice second = new SoftswitchDevice(1, 255);
      try {
        second.serve("127.0.0.1", port);
        assertThat(events.poll(10, TimeUnit.SECONDS))
            .isEqualTo(new MastershipEvent.BecamePrimary(ElectionId.of(7)));
        assertThat(client.isPrimary()).isTrue();
      } finally {
        second.close();
      }
    }
  }
}
