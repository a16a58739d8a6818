package net.vdn.optical;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.vdn.optical.netconf.Datastore;
import net.vdn.optical.netconf.NetconfClient;
import net.vdn.optical.netconf.NetconfSession;
import net.vdn.optical.netconf.NetconfdServer;
import net.vdn.optical.netconf.internal.Xml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The NETCONF driver against a real netconfd; subclasses choose the datastore netconfd edits. */
abstract class NetconfOpticalDeviceContract {
  static final OpticalChannel A =
      OpticalChannel.of("slice-7.a", 193_100_000, "client-1", "line-1")
          .withTargetPowerDbm(new BigDecimal("-2.5"));
  static final OpticalChannel B =
      new OpticalChannel("slice-7.b", 193_150_000, 75_000, null, "client-2", "line-1");

  NetconfOpticalDevice device;

  abstract NetconfdServer server();

  @BeforeEach
  void connect() throws Exception {
    device =
        new NetconfOpticalDevice(
            "td-seoul", server().options().build(), NetconfOpticalDevice.Model.TERMINAL_DEVICE);
    device.connect();
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (device.isConnected()) {
      for (OpticalChannel ch : device.list()) {
        device.remove(ch.name());
      }
    }
    device.close();
  }

  static OpticalException.Kind kindOf(Tl1OpticalDeviceTest.ThrowingRunnable r) {
    return Tl1OpticalDeviceTest.kindOf(r);
  }

  @Test
  void addListRemoveRoundTrip() throws Exception {
    device.addAll(List.of(A, B));
    assertThat(device.list()).containsExactlyInAnyOrder(A, B);
    device.remove(A.name());
    assertThat(device.list()).containsExactly(B);
  }

  @Test
  void wavelengthRouterChannelsLiveApartFromTerminalDeviceChannels() throws Exception {
    try (NetconfOpticalDevice roadm =
        new NetconfOpticalDevice(
            "roadm", server().options().build(), NetconfOpticalDevice.Model.WAVELENGTH_ROUTER)) {
      roadm.connect();
      roadm.add(A);
      assertThat(roadm.list()).containsExactly(A);
      assertThat(device.list()).isEmpty();
      roadm.remove(A.name());
      assertThat(roadm.list()).isEmpty();
    }
  }

  @Test
  void existingNameIsAlreadyExistsAndChangesNothing() throws Exception {
    device.add(A);
    OpticalChannel sameName = OpticalChannel.of(A.name(), 193_200_000, "client-3", "line-2");
    assertThat(kindOf(() -> device.add(sameName))).isEqualTo(OpticalException.Kind.ALREADY_EXISTS);
    assertThat(device.list()).containsExactly(A);
  }

  @Test
  void batchWithOneConflictingChannelAddsNone() throws Exception {
    device.add(A);
    OpticalChannel c = OpticalChannel.of("c", 193_300_000, "client-4", "line-2");
    OpticalChannel d = OpticalChannel.of("d", A.frequencyMhz(), A.sourcePort(), "line-2");
    assertThat(kindOf(() -> device.addAll(List.of(c, d))))
        .isEqualTo(OpticalException.Kind.REJECTED);
    assertThat(device.list()).containsExactly(A);
    assertNothingPending();
  }

  @Test
  void removingAnUnknownChannelIsNotFound() {
    assertThat(kindOf(() -> device.remove("nope"))).isEqualTo(OpticalException.Kind.NOT_FOUND);
  }

  @Test
  void datastoreLockedByAnotherSessionIsRejectedAndChangesNothing() throws Exception {
    Datastore target =
        device.session().serverCapabilities().candidate() ? Datastore.CANDIDATE : Datastore.RUNNING;
    try (NetconfClient client = NetconfClient.start();
        NetconfSession other = client.connect(server().options().build())) {
      other.lock(target);
      assertThat(kindOf(() -> device.add(A))).isEqualTo(OpticalException.Kind.REJECTED);
      other.unlock(target);
    }
    assertThat(device.list()).isEmpty();
    device.add(A);
    assertThat(device.list()).containsExactly(A);
  }

  @Test
  void killedSessionIsUnreachableAndReconnectWorks() throws Exception {
    try (NetconfClient client = NetconfClient.start();
        NetconfSession other = client.connect(server().options().build())) {
      other.killSession(device.session().sessionId());
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (device.isConnected() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(kindOf(() -> device.add(A))).isEqualTo(OpticalException.Kind.UNREACHABLE);
    device.connect();
    assertThat(device.list()).isEmpty();
    device.add(A);
    assertThat(device.list()).containsExactly(A);
  }

  /** With a candidate, it holds nothing that running does not. */
  void assertNothingPending() throws Exception {
    NetconfSession s = device.session();
    if (s.serverCapabilities().candidate()) {
      var filter = Xml.add(Xml.newDocument(), NetconfOpticalDevice.NAMESPACE, "terminal-device");
      assertThat(Xml.toString(s.getConfig(Datastore.CANDIDATE, filter)))
          .isEqualTo(Xml.toString(s.getConfig(Datastore.RUNNING, filter)));
    }
  }
}
