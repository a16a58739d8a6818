package net.vdn.controller.security;

import static net.vdn.controller.ControllerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.Http;
import net.vdn.controller.error.ConfigException;
import net.vdn.openflow.it.Ovs;
import net.vdn.testsupport.Programs;
import net.vdn.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenFlow listener over mutual TLS, set in the config file: Open vSwitch presenting a
 * certificate of the configured CA connects and is a device; a bridge speaking plain TCP to the
 * same listener never becomes one.
 */
class OpenFlowTlsTest {
  private static final long TLS_DPID = 0x00000000000d0001L;
  private static final long PLAIN_DPID = 0x00000000000d0002L;

  @TempDir Path dir;

  @Test
  void openVSwitchConnectsOverMutualTlsAndPlainTcpIsRefused() throws Exception {
    Ovs.assumeAvailable();
    assumeTrue(Programs.onPath("openssl"), "openssl not on PATH (test certificates)");
    TestCertificates certs = TestCertificates.make(dir);
    Path config = dir.resolve("vdn.json");
    Files.writeString(
        config,
        """
        {"restHost": "127.0.0.1", "restPort": 0, "openflowPort": 0,
         "auth": {"enabled": false},
         "openflowTls": {"certificate": "%s", "key": "%s", "clientCa": "%s"}}"""
            .formatted(
                dir.relativize(certs.serverCert()),
                dir.relativize(certs.serverKey()),
                dir.relativize(certs.ca())));
    try (Ovs ovs = Ovs.start();
        Controller c = Controller.start(ControllerOptions.read(config))) {
      Http http = new Http(c.restPort());
      ovs.vsctl(
          "--timeout=20",
          "set-ssl",
          certs.clientKey().toString(),
          certs.clientCert().toString(),
          certs.ca().toString());
      ovs.bridge(TLS_DPID, "ssl:127.0.0.1:" + c.openflowPort());
      ovs.bridge(PLAIN_DPID, "tcp:127.0.0.1:" + c.openflowPort());
      String tls = String.format("of:%016x", TLS_DPID);
      await(
          () -> http.get("/api/v1/openflow/switches").text().contains(tls),
          Duration.ofSeconds(30),
          () -> "switches " + http.get("/api/v1/openflow/switches").text());
      // The plain bridge has been retrying all along (backoff at most 1 s): give it a few more.
      Thread.sleep(3000);
      String switches = http.get("/api/v1/openflow/switches").text();
      assertThat(switches).contains(tls).doesNotContain(String.format("%016x", PLAIN_DPID));
    }
  }

  @Test
  void anOpenFlowTlsSectionWithoutItsKeyIsRefusedNamingIt() throws Exception {
    Path config = dir.resolve("bad.json");
    Files.writeString(config, "{\"openflowTls\": {\"certificate\": \"cert.pem\"}}");
    assertThatThrownBy(() -> ControllerOptions.read(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("openflowTls")
        .hasMessageContaining("key");
  }

  @Test
  void unreadableCertificatesStopTheStartWithTheReason() throws Exception {
    Path config = dir.resolve("missing.json");
    Files.writeString(
        config,
        """
        {"restHost": "127.0.0.1", "restPort": 0, "openflowPort": 0, "auth": {"enabled": false},
         "openflowTls": {"certificate": "nope.pem", "key": "nope.key"}}""");
    assertThatThrownBy(() -> Controller.start(ControllerOptions.read(config)))
        .hasMessageContaining("OpenFlow TLS")
        .hasMessageContaining("nope.pem");
  }
}
