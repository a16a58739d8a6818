package net.vdn.controller.federation;

import static net.vdn.controller.ControllerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.Http;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.rig.RigController;
import net.vdn.emulation.linux.Bmv2Switches;
import net.vdn.emulation.linux.Iperf;
import net.vdn.emulation.linux.LinuxRig;
import net.vdn.emulation.linux.RigSwitches;
import net.vdn.emulation.linux.RigTopology;
import net.vdn.emulation.linux.Softswitches;
import net.vdn.pipeconf.SlicingPipeline;
import net.vdn.testsupport.RequiresBinary;
import net.vdn.testsupport.TestCertificates;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An inter-domain slice on real switches with real traffic: four switches in a line on veth links
 * with hosts in network namespaces, s1 and s2 served by domain a's controller, s3 and s4 by domain
 * b's, the link s2:2 - s3:3 their border. One request to a gives iperf3's TCP close to the
 * committed rate from a1 (s1) to a2 (s4), UDP offered above the rate held to it, b's hosts kept
 * out; the delete leaves nothing. On softswitches and on BMv2.
 */
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
class InterDomainRigTest {
  static final long CIR = 10_000_000;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"softswitch", "bmv2"})
  void tcpGetsTheCommittedRateAcrossTwoDomains(String kind) throws Exception {
    String rigMissing = LinuxRig.unavailable();
    assumeTrue(rigMissing == null, rigMissing);
    String missing = kind.equals("bmv2") ? Bmv2Switches.unavailable() : null;
    assumeTrue(missing == null, missing);
    TestCertificates certsA = TestCertificates.make(Files.createDirectories(dir.resolve("a")));
    TestCertificates certsB = TestCertificates.make(Files.createDirectories(dir.resolve("b")));
    int peeringA = RigController.freePort();
    int peeringB = RigController.freePort();
    try (LinuxRig rig = LinuxRig.create(RigTopology.line(4));
        RigSwitches switches =
            kind.equals("bmv2")
                ? Bmv2Switches.start(rig, SlicingPipeline.config().deviceConfig())
                : Softswitches.start(rig);
        Controller a =
            Controller.start(
                options(
                    rig,
                    switches,
                    List.of(1, 2),
                    "a",
                    peeringA,
                    certsA,
                    new FederationOptions.Peering(
                        "s2",
                        2,
                        "b",
                        "s3",
                        3,
                        100,
                        199,
                        100_000_000,
                        "https://127.0.0.1:" + peeringB,
                        certsA.clientCert(),
                        certsA.clientKey(),
                        certsB.ca())));
        Controller b =
            Controller.start(
                options(
                    rig,
                    switches,
                    List.of(3, 4),
                    "b",
                    peeringB,
                    certsB,
                    new FederationOptions.Peering(
                        "s3",
                        3,
                        "a",
                        "s2",
                        2,
                        100,
                        199,
                        100_000_000,
                        "https://127.0.0.1:" + peeringA,
                        certsB.clientCert(),
                        certsB.clientKey(),
                        certsA.ca())))) {
      for (Controller c : List.of(a, b)) {
        await(
            () -> c.services().topology().links().size() == 2,
            Duration.ofSeconds(20),
            () -> kind + " links: " + c.services().topology().links());
      }
      Http http = new Http(a.restPort());
      // The default burst (250 ms at the committed rate), as a researcher's slice has it.
      Http.Answer x =
          http.post(
              "/api/v1/slices",
              """
              {"name": "x", "endpoints": ["a:s1:1", "b:s4:1"], "cirBps": %d}"""
                  .formatted(CIR));
      assertThat(x.code()).as(x.text()).isEqualTo(201);
      assertThat(rig.ping("a1", "10.0.0.2", 3)).as("a1 (a) -> a2 (b)").isTrue();
      assertThat(rig.ping("b1", "10.0.0.12", 2)).as("b1 -> b2: no slice of theirs").isFalse();
      assertThat(rig.ping("b1", "10.0.0.2", 2)).as("b1 -> a2 across slices").isFalse();

      Iperf.Result tcp = Iperf.tcp(rig, "a1", "a2", 5);
      Iperf.Result udp = Iperf.udp(rig, "a1", "a2", 5, CIR * 5 / 4);
      System.out.printf(
          Locale.ROOT,
          "%s, inter-domain slice CIR %d Mb/s: TCP %.2f Mb/s (%d retransmits), UDP offered %.1f"
              + " Mb/s delivered %.2f Mb/s%n",
          kind,
          CIR / 1_000_000,
          tcp.mbps(),
          tcp.retransmits(),
          CIR * 1.25 / 1e6,
          udp.mbps());
      assertThat(tcp.receivedBps()).as("TCP goodput across the border").isGreaterThan(0.8 * CIR);
      // 1400-byte datagrams are metered as 1446-byte tagged frames on the trunks: 96.8% payload.
      double expected = CIR * 1400.0 / 1446;
      assertThat(udp.receivedBps())
          .as("UDP delivered across the border")
          .isBetween(0.9 * expected, 1.1 * expected);

      assertThat(http.delete("/api/v1/slices/x").code()).isEqualTo(204);
      assertThat(rig.ping("a1", "10.0.0.2", 2)).as("after the delete").isFalse();
      for (Controller c : List.of(a, b)) {
        assertThat(c.services().slices().list()).isEmpty();
        assertThat(c.services().federation().holds()).isEmpty();
      }
    }
  }

  /** A domain's controller over some of the rig's switches (no gNMI: ports and speed given). */
  private static ControllerOptions options(
      LinuxRig rig,
      RigSwitches switches,
      List<Integer> mine,
      String domain,
      int peeringPort,
      TestCertificates certs,
      FederationOptions.Peering peering) {
    List<DeviceConfig> devices = new ArrayList<>();
    for (int sw : mine) {
      devices.add(
          new DeviceConfig(
              "s" + sw,
              null,
              switches.address(sw),
              1,
              null,
              null,
              rig.topology().ports(sw),
              RigSwitches.PORT_SPEED_BPS,
              null));
    }
    return ControllerOptions.defaults(null)
        .withRest("127.0.0.1", 0)
        .withDiscoveryInterval(Duration.ofMillis(500))
        .withDevices(devices)
        .withFederation(
            new FederationOptions(
                domain,
                "127.0.0.1",
                peeringPort,
                certs.serverCert(),
                certs.serverKey(),
                10_000,
                2_000,
                3,
                List.of(peering)));
  }
}
