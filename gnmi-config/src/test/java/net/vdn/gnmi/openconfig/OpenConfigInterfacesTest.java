package net.vdn.gnmi.openconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.gnmi.FakeGnmiTarget;
import net.vdn.gnmi.GnmiClient;
import net.vdn.gnmi.GnmiOptions;
import net.vdn.gnmi.GnmiValue;
import net.vdn.gnmi.GnmiValueException;
import net.vdn.gnmi.Notification;
import net.vdn.gnmi.SubscribeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenConfigInterfacesTest {
  private FakeGnmiTarget fake;
  private GnmiClient client;
  private OpenConfigInterfaces ports;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeGnmiTarget();
    client = GnmiClient.connect(GnmiOptions.builder(fake.target()).build());
    ports = new OpenConfigInterfaces(client);
    String p = "/interfaces/interface[name=1/1/1]";
    fake.put(p + "/state/oper-status", GnmiValue.of("UP"));
    fake.put(p + "/state/admin-status", GnmiValue.of("DOWN"));
    fake.put(p + "/ethernet/state/negotiated-port-speed", GnmiValue.of("SPEED_25GB"));
    fake.put(p + "/ethernet/state/mac-address", GnmiValue.of("00:11:22:AA:bb:0c"));
    long n = 1;
    for (String leaf : InterfaceCounters.LEAVES) {
      fake.put(p + "/state/counters/" + leaf, GnmiValue.ofUint(n++));
    }
    fake.put("/interfaces/interface[name=2]/state/counters/in-octets", GnmiValue.ofUint(77));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    fake.close();
  }

  @Test
  void pathsAreTheOnesStratumServes() {
    assertThat(InterfacePaths.enabled("1/1/1"))
        .hasToString("/interfaces/interface[name=1/1/1]/config/enabled");
    assertThat(InterfacePaths.portSpeed("x"))
        .hasToString("/interfaces/interface[name=x]/ethernet/config/port-speed");
    assertThat(InterfacePaths.counters("*"))
        .hasToString("/interfaces/interface[name=*]/state/counters");
  }

  @Test
  void setsAndReadsEnabledHealthAndMac() {
    ports.setEnabled("1/1/1", false);
    assertThat(fake.value("/interfaces/interface[name=1/1/1]/config/enabled"))
        .isEqualTo(GnmiValue.of(false));
    assertThat(ports.enabled("1/1/1")).isFalse();
    ports.setHealthIndicator("1/1/1", HealthIndicator.BAD);
    assertThat(ports.healthIndicator("1/1/1")).isEqualTo(HealthIndicator.BAD);
    ports.setMacAddress("1/1/1", MacAddress.parse("02:00:00:00:00:01"));
    assertThat(fake.value("/interfaces/interface[name=1/1/1]/ethernet/config/mac-address"))
        .isEqualTo(GnmiValue.of("02:00:00:00:00:01"));
    assertThat(ports.macAddress("1/1/1")).hasToString("00:11:22:aa:bb:0c");
  }

  @Test
  void portSpeedTravelsAsTheIdentityWithItsModulePrefix() {
    ports.setPortSpeedBps("1/1/1", 10_000_000_000L);
    assertThat(fake.value("/interfaces/interface[name=1/1/1]/ethernet/config/port-speed"))
        .isEqualTo(GnmiValue.of("openconfig-if-ethernet:SPEED_10GB"));
    assertThat(ports.portSpeed("1/1/1")).isEqualTo(PortSpeed.SPEED_10GB);
    assertThat(ports.negotiatedPortSpeed("1/1/1").bitsPerSecond()).isEqualTo(25_000_000_000L);
    assertThatThrownBy(() -> ports.setPortSpeedBps("1/1/1", 3_000_000_000L))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("3000000000 bit/s");
  }

  @Test
  void readsOperAndAdminStatus() {
    assertThat(ports.operStatus("1/1/1")).isEqualTo(OperStatus.UP);
    assertThat(ports.adminStatus("1/1/1")).isEqualTo(AdminStatus.DOWN);
    fake.put("/interfaces/interface[name=1/1/1]/state/oper-status", GnmiValue.ofUint(1));
    assertThatThrownBy(() -> ports.operStatus("1/1/1"))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("oper-status: expected a string, got 1");
  }

  @Test
  void countersSumPacketsOverUnicastBroadcastAndMulticast() {
    InterfaceCounters c = ports.counters("1/1/1");
    assertThat(c).isEqualTo(new InterfaceCounters("1/1/1", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    assertThat(c.inPackets()).isEqualTo(2 + 3 + 4);
    assertThat(c.outPackets()).isEqualTo(8 + 9 + 10);
    Map<String, InterfaceCounters> all = ports.allCounters();
    assertThat(all.keySet()).containsExactlyInAnyOrder("1/1/1", "2");
    assertThat(all.get("2").inOctets()).isEqualTo(77);
    assertThat(all.get("2").outOctets()).as("a counter not reported is 0").isZero();
  }

  @Test
  void streamedCounterSamplesDecodeIntoCounters() throws Exception {
    try (var sub = ports.subscribeCounters(Duration.ofMillis(20), "2")) {
      assertThat(sub.awaitSync(Duration.ofSeconds(5))).isTrue();
      fake.put("/interfaces/interface[name=2]/state/counters/in-octets", GnmiValue.ofUint(99));
      List<Notification> seen = new ArrayList<>();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < deadline) {
        if (sub.events().poll(Duration.ofMillis(100)) instanceof SubscribeEvent.Data d) {
          seen.add(d.notification());
          if (InterfaceCounters.from(List.of(d.notification())).get("2").inOctets() == 99) {
            break;
          }
        }
      }
      assertThat(InterfaceCounters.from(seen).get("2").inOctets()).isEqualTo(99);
    }
  }

  @Test
  void counterThatIsNotAnIntegerIsRefused() {
    fake.put("/interfaces/interface[name=2]/state/counters/in-errors", GnmiValue.of("many"));
    assertThatThrownBy(() -> ports.counters("2"))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("in-errors: expected an unsigned counter");
  }

  @Test
  void speedsMapToBitsPerSecondBothWays() {
    assertThat(PortSpeed.ofBitsPerSecond(100_000_000_000L)).isEqualTo(PortSpeed.SPEED_100GB);
    assertThat(PortSpeed.SPEED_2500MB.bitsPerSecond()).isEqualTo(2_500_000_000L);
    assertThat(PortSpeed.SPEED_40GB.identity()).isEqualTo("openconfig-if-ethernet:SPEED_40GB");
    assertThat(PortSpeed.fromIdentity("SPEED_1GB")).isEqualTo(PortSpeed.SPEED_1GB);
    assertThatThrownBy(() -> PortSpeed.fromIdentity("openconfig-if-ip:SPEED_1GB"))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("expected 'openconfig-if-ethernet'");
    assertThatThrownBy(() -> PortSpeed.fromIdentity("SPEED_3GB"))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("unknown ETHERNET_SPEED 'SPEED_3GB'");
  }

  @Test
  void macAddressesParseAndPrintInColonForm() {
    assertThat(MacAddress.parse("aa-bb-cc-00-01-02").value()).isEqualTo(0xaabbcc000102L);
    assertThat(new MacAddress(0x020000000001L)).hasToString("02:00:00:00:00:01");
    assertThatThrownBy(() -> MacAddress.parse("aa:bb:cc:00:01"))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("six octets");
    assertThatThrownBy(() -> MacAddress.parse("aa:bb:cc:00:01:zz"))
        .hasMessageContaining("bad octet 'zz'");
    assertThatThrownBy(() -> new MacAddress(1L << 48)).hasMessageContaining("exceeds 48 bits");
  }
}
