package net.vdn.softswitch.gnmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.vdn.gnmi.GnmiClient;
import net.vdn.gnmi.GnmiOptions;
import net.vdn.gnmi.GnmiPath;
import net.vdn.gnmi.GnmiTargetException;
import net.vdn.gnmi.GnmiValue;
import net.vdn.gnmi.SubscribeEvent;
import net.vdn.gnmi.SubscribeStream;
import net.vdn.gnmi.Subscription;
import net.vdn.gnmi.SubscriptionList;
import net.vdn.gnmi.openconfig.AdminStatus;
import net.vdn.gnmi.openconfig.OpenConfigInterfaces;
import net.vdn.gnmi.openconfig.OperStatus;
import net.vdn.gnmi.openconfig.PortSpeed;
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VDN's gNMI client against the softswitch's gNMI server, every mode the client has. */
class SoftswitchGnmiTest {
  private SoftswitchDevice device;
  private GnmiClient client;
  private OpenConfigInterfaces oc;

  @BeforeEach
  void start() throws Exception {
    device = new SoftswitchDevice(1, 255);
    device.ports().add(1, "1", 10_000_000_000L);
    device.ports().add(2, "2", 10_000_000_000L);
    int port = device.serve("127.0.0.1", 0);
    client = GnmiClient.connect(GnmiOptions.builder("127.0.0.1:" + port).build());
    oc = new OpenConfigInterfaces(client);
  }

  @AfterEach
  void stop() {
    client.close();
    device.close();
  }

  private static GnmiPath operStatus(String name) {
    return GnmiPath.parse("/interfaces/interface[name=" + name + "]/state/oper-status");
  }

  @Test
  void getsStateSpeedAndCounters() {
    assertThat(oc.operStatus("1")).isEqualTo(OperStatus.UP);
    assertThat(oc.adminStatus("2")).isEqualTo(AdminStatus.UP);
    assertThat(oc.portSpeed("1")).isEqualTo(PortSpeed.SPEED_10GB);
    assertThat(oc.counters("1").inOctets()).isZero();
    assertThat(oc.allCounters()).containsOnlyKeys("1", "2");
    assertThatThrownBy(() -> oc.operStatus("9"))
        .isInstanceOf(GnmiTargetException.class)
        .hasMessageContaining("NOT_FOUND");
  }

  @Test
  void aPortTurnedDownDropsFramesAndCountsThem() throws Exception {
    oc.setEnabled("1", false);
    assertThat(oc.adminStatus("1")).isEqualTo(AdminStatus.DOWN);
    assertThat(oc.operStatus("1")).isEqualTo(OperStatus.DOWN);
    device.receive(1, new byte[64]);
    assertThat(oc.counters("1").inDiscards()).isEqualTo(1);
    oc.setEnabled("1", true);
    assertThat(oc.operStatus("1")).isEqualTo(OperStatus.UP);
  }

  @Test
  void setsPortSpeedAndRefusesABadTransactionWhole() {
    oc.setPortSpeed("2", PortSpeed.SPEED_100GB);
    assertThat(oc.portSpeed("2")).isEqualTo(PortSpeed.SPEED_100GB);
    assertThatThrownBy(
            () ->
                client
                    .set()
                    .update(
                        GnmiPath.parse("/interfaces/interface[name=1]/config/enabled"),
                        new GnmiValue.BoolValue(false))
                    .update(
                        GnmiPath.parse("/interfaces/interface[name=1]/state/oper-status"),
                        new GnmiValue.StringValue("DOWN"))
                    .commit())
        .isInstanceOf(GnmiTargetException.class)
        .hasMessageContaining("not writable");
    assertThat(oc.adminStatus("1")).isEqualTo(AdminStatus.UP);
  }

  @Test
  void subscribeOnceSendsEverythingThenSyncAndEnds() throws Exception {
    try (SubscribeStream s =
        client.subscribe(
            SubscriptionList.once(GnmiPath.parse("/interfaces/interface[name=*]/state")))) {
      assertThat(s.events().poll(Duration.ofSeconds(5))).isInstanceOf(SubscribeEvent.Data.class);
      SubscribeEvent e;
      do {
        e = s.events().poll(Duration.ofSeconds(5));
      } while (e instanceof SubscribeEvent.Data);
      assertThat(e).isInstanceOf(SubscribeEvent.Sync.class);
      assertThat(s.events().poll(Duration.ofSeconds(5))).isInstanceOf(SubscribeEvent.Ended.class);
    }
  }

  @Test
  void pollSendsAgainOnEveryPoll() throws Exception {
    try (SubscribeStream s = client.subscribe(SubscriptionList.poll(operStatus("1")))) {
      assertThat(s.events().poll(Duration.ofSeconds(5))).isInstanceOf(SubscribeEvent.Data.class);
      assertThat(s.events().poll(Duration.ofSeconds(5))).isInstanceOf(SubscribeEvent.Sync.class);
      assertThat(s.events().poll(Duration.ofMillis(200))).isNull();
      s.poll();
      assertThat(s.events().poll(Duration.ofSeconds(5))).isInstanceOf(SubscribeEvent.Data.class);
      assertThat(s.events().poll(Duration.ofSeconds(5))).isInstanceOf(SubscribeEvent.Sync.class);
    }
  }

  @Test
  void onChangeReportsALinkGoingDown() throws Exception {
    try (SubscribeStream s =
        client.subscribe(SubscriptionList.stream(Subscription.onChange(operStatus("1"))))) {
      assertThat(s.events().poll(Duration.ofSeconds(5))).isInstanceOf(SubscribeEvent.Data.class);
      assertThat(s.events().poll(Duration.ofSeconds(5))).isInstanceOf(SubscribeEvent.Sync.class);
      device.ports().setLinkUp(1, false);
      SubscribeEvent e = s.events().poll(Duration.ofSeconds(5));
      assertThat(e).isInstanceOf(SubscribeEvent.Data.class);
      var update = ((SubscribeEvent.Data) e).notification().updates().get(0);
      assertThat(update.path()).isEqualTo(operStatus("1"));
      assertThat(update.value()).isEqualTo(new GnmiValue.StringValue("DOWN"));
    }
  }

  @Test
  void sampleSendsCountersAtTheInterval() throws Exception {
    GnmiPath counters = GnmiPath.parse("/interfaces/interface[name=2]/state/counters");
    try (SubscribeStream s =
        client.subscribe(
            SubscriptionList.stream(Subscription.sample(counters, Duration.ofMillis(100))))) {
      int data = 0;
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (data < 3 && System.nanoTime() < deadline) {
        if (s.events().poll(Duration.ofSeconds(1)) instanceof SubscribeEvent.Data) {
          data++;
        }
      }
      assertThat(data).as("samples received").isGreaterThanOrEqualTo(3);
    }
  }
}
