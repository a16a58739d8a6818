package net.vdn.openflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.vdn.openflow.OpenFlowServer;
import net.vdn.openflow.OpenFlowSwitch;
import net.vdn.openflow.Role;
import net.vdn.testsupport.Programs;
import net.vdn.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;

/** Open vSwitch connects over TLS, both sides presenting certificates of one CA. */
class OpenVSwitchTlsTest {
  private static final long DPID = 0x00000000000c0001L;

  @Test
  void switchConnectsOverMutualTls() throws Exception {
    Ovs.assumeAvailable();
    assumeTrue(Programs.onPath("openssl"), "openssl not on PATH (test certificates)");
    Path dir = Files.createTempDirectory("vof-tls");
    TestCertificates certs = TestCertificates.make(dir);
    SslContext ssl =
        SslContextBuilder.forServer(certs.serverCert().toFile(), certs.serverKey().toFile())
            .trustManager(certs.ca().toFile())
            .clientAuth(ClientAuth.REQUIRE)
            .build();
    try (Ovs ovs = Ovs.start();
        OpenFlowServer server =
            OpenFlowServer.start(
                OpenFlowServer.Options.defaults().withBind("127.0.0.1", 0).withSsl(ssl),
                sw -> {})) {
      ovs.vsctl(
          "--timeout=20",
          "set-ssl",
          certs.clientKey().toString(),
          certs.clientCert().toString(),
          certs.ca().toString());
      ovs.bridge(DPID, "ssl:127.0.0.1:" + server.port());
      OpenFlowSwitch sw = server.awaitSwitch(DPID, Duration.ofSeconds(30));
      assertThat(sw.requestRole(Role.MASTER, 1).get(5, TimeUnit.SECONDS)).isEqualTo(Role.MASTER);
      assertThat(sw.flowStats(0, 0).get(5, TimeUnit.SECONDS)).isEmpty();
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
