package net.vdn.optical;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import net.vdn.optical.tl1.Tl1Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TL1 driver against the simulated network element. */
class Tl1OpticalDeviceTest {
  Tl1Simulator ne;
  Tl1OpticalDevice device;

  static final OpticalChannel A =
      OpticalChannel.of("slice-7.a", 193_100_000, "CLIENT-1", "LINE-1")
          .withTargetPowerDbm(new BigDecimal("-2.5"));
  static final OpticalChannel B = OpticalChannel.of("slice-7.b", 193_150_000, "CLIENT-2", "LINE-1");

  @BeforeEach
  void start() throws Exception {
    ne = Tl1Simulator.start();
    device = new Tl1OpticalDevice("roadm-daejeon", ne.clientOptions());
    device.connect();
  }

  @AfterEach
  void stop() {
    device.close();
    ne.close();
  }

  static OpticalException.Kind kindOf(ThrowingRunnable r) {
    try {
      r.run();
    } catch (OpticalException e) {
      return e.kind();
    }
    throw new AssertionError("no OpticalException");
  }

  interface ThrowingRunnable {
    void run() throws OpticalException;
  }

  @Test
  void addListRemoveRoundTrip() throws Exception {
    device.addAll(List.of(A, B));
    assertThat(device.list()).containsExactlyInAnyOrder(A, B);
    assertThat(ne.crossConnects().get("CLIENT-1,LINE-1").powerDbm()).isEqualTo("-2.50");
    device.remove(A.name());
    assertThat(device.list()).containsExactly(B);
    assertThat(kindOf(() -> device.remove(A.name()))).isEqualTo(OpticalException.Kind.NOT_FOUND);
  }

  @Test
  void duplicateNameIsRefusedBeforeAnythingIsSent() throws Exception {
    device.add(A);
    int before = ne.received("ENT-CRS-OCH");
    OpticalChannel sameName = OpticalChannel.of(A.name(), 193_200_000, "CLIENT-3", "LINE-2");
    assertThat(kindOf(() -> device.add(sameName))).isEqualTo(OpticalException.Kind.ALREADY_EXISTS);
    assertThat(ne.received("ENT-CRS-OCH")).isEqualTo(before);
  }

  @Test
  void failedSecondChannelLeavesNothingOfTheFirst() throws Exception {
    device.add(A);
    // C is fine; D wants A's wavelength on A's source port, which the NE refuses.
    OpticalChannel c = OpticalChannel.of("c", 193_300_000, "CLIENT-4", "LINE-2");
    OpticalChannel d = OpticalChannel.of("d", A.frequencyMhz(), A.sourcePort(), "LINE-2");
    assertThat(kindOf(() -> device.addAll(List.of(c, d))))
        .isEqualTo(OpticalException.Kind.REJECTED);
    assertThat(device.list()).containsExactly(A);
    assertThat(ne.crossConnects()).containsOnlyKeys("CLIENT-1,LINE-1");
  }

  @Test
  void deniedCommandChangesNothing() throws Exception {
    device.add(A);
    ne.denyNext("SROF");
    // The DENY hits the name check (RTRV-CRS-OCH) or ENT-CRS-OCH; either way nothing is added.
    OpticalException.Kind k = kindOf(() -> device.add(B));
    assertThat(k).isEqualTo(OpticalException.Kind.REJECTED);
    assertThat(ne.crossConnects()).containsOnlyKeys("CLIENT-1,LINE-1");
  }

  @Test
  void connectionDroppedAfterTheNeAppliedTheChangeIsUndoneAfterReconnect() throws Exception {
    device.add(A);
    OpticalChannel c = OpticalChannel.of("c", 193_300_000, "CLIENT-4", "LINE-2");
    ne.dropAfterNext("ENT-CRS-OCH");
    OpticalException.Kind k = kindOf(() -> device.addAll(List.of(c, B)));
    assertThat(k).isEqualTo(OpticalException.Kind.UNREACHABLE);
    assertThat(ne.connections()).isEqualTo(2);
    assertThat(ne.received("DLT-CRS-OCH")).isEqualTo(1);
    assertThat(ne.crossConnects()).containsOnlyKeys("CLIENT-1,LINE-1");
    assertThat(device.list()).containsExactly(A);
  }

  @Test
  void slowDeviceTimesOutAndWhatItDidIsUndone() throws Exception {
    Tl1OpticalDevice slow =
        new Tl1OpticalDevice(
            "slow",
            ne.clientOptions()
                .withCommandTimeout(Duration.ofMillis(400))
                .withKeepAlive(Duration.ZERO));
    slow.connect();
    try {
      ne.delay("ENT-CRS-OCH", Duration.ofMillis(700));
      OpticalException.Kind k = kindOf(() -> slow.add(B));
      // ENT-CRS was applied but answered too late; the driver found it and deleted it.
      assertThat(k).isEqualTo(OpticalException.Kind.TIMEOUT);
      assertThat(ne.received("ENT-CRS-OCH")).isEqualTo(1);
      assertThat(ne.received("DLT-CRS-OCH")).isEqualTo(1);
      assertThat(ne.crossConnects()).isEmpty();
      assertThat(slow.isConnected()).isTrue();
    } finally {
      slow.close();
    }
  }

  @Test
  void unreachableDeviceIsTyped() throws Exception {
    int port = ne.port();
    ne.close();
    Tl1OpticalDevice gone =
        new Tl1OpticalDevice(
            "gone",
            net.vdn.optical.tl1.Tl1ClientOptions.of("127.0.0.1", port, "NE1", "admin", "secret")
                .withCommandTimeout(Duration.ofSeconds(1)));
    assertThat(kindOf(gone::connect)).isEqualTo(OpticalException.Kind.UNREACHABLE);
    assertThat(gone.isConnected()).isFalse();
    gone.close();
    ne = Tl1Simulator.start();
  }
}
