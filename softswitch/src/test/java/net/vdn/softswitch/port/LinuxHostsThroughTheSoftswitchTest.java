package net.vdn.softswitch.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.Fixtures;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;
import net.vdn.packet.Ipv4Address;
import net.vdn.packet.MacAddress;
import net.vdn.testsupport.GrpcServers;
import net.vdn.testsupport.Namespace;
import net.vdn.testsupport.NetworkNamespaces;
import net.vdn.testsupport.Programs;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Linux hosts, each in a network namespace of its own, ping each other through a softswitch:
 * the switch runs as its own process in a third namespace, its ports 1 and 2 bound to the veth ends
 * there through socat relays, and is programmed over P4Runtime on a Unix socket.
 */
@RequiresBinary(
    value = "socat",
    howToGet = "install socat (Debian package socat) to bind ports to interfaces")
class LinuxHostsThroughTheSoftswitchTest {
  private static final MacAddress H1_MAC = MacAddress.parse("00:00:00:00:01:01");
  private static final MacAddress H2_MAC = MacAddress.parse("00:00:00:00:01:02");
  private static final Ipv4Address H1_IP = Ipv4Address.parse("10.0.0.1");
  private static final Ipv4Address H2_IP = Ipv4Address.parse("10.0.0.2");

  private final NetworkNamespaces namespaces = new NetworkNamespaces();

  @AfterEach
  void cleanUp() {
    namespaces.close();
  }

  /** A host in namespace {@code ns} on switch port interface {@code swEnd} in {@code sw}. */
  private static void host(
      Namespace sw, String swEnd, Namespace ns, String hostEnd, MacAddress mac, Ipv4Address ip)
      throws Exception {
    sw.veth(swEnd, ns, hostEnd);
    ns.mac(hostEnd, mac);
    ns.address(hostEnd, ip, 24);
  }

  @Test
  void hostsInNamespacesPingEachOtherThroughTheSoftswitch(@TempDir Path dir) throws Exception {
    assumeTrue(
        NetworkNamespaces.available() && Programs.onPath("ping"),
        "needs root, ip and ping for network namespaces");
    Namespace sw = namespaces.create("vdnsw");
    Namespace h1 = namespaces.create("vdnh1");
    Namespace h2 = namespaces.create("vdnh2");
    host(sw, "p1", h1, "h1e", H1_MAC, H1_IP);
    host(sw, "p2", h2, "h2e", H2_MAC, H2_IP);
    h1.neighbor("h1e", H2_IP, H2_MAC);
    h2.neighbor("h2e", H1_IP, H1_MAC);

    Path socket = dir.resolve("p4rt.sock");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process softswitch =
        sw.start(
            dir.resolve("softswitch.log"),
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "net.vdn.softswitch.Main",
            "--p4rt-unix",
            socket.toString(),
            "--bind-udp",
            "1=41001:41011",
            "--bind-udp",
            "2=41002:41012");
    sw.start(
        dir.resolve("relay1.log"),
        "socat",
        "INTERFACE:p1",
        "UDP4-DATAGRAM:127.0.0.1:41001,bind=127.0.0.1:41011");
    sw.start(
        dir.resolve("relay2.log"),
        "socat",
        "INTERFACE:p2",
        "UDP4-DATAGRAM:127.0.0.1:41002,bind=127.0.0.1:41012");
    GrpcServers.await(
        "unix://" + socket,
        P4RuntimeGrpc.getCapabilitiesMethod().getFullMethodName(),
        softswitch,
        dir.resolve("softswitch.log"));

    var p4info =
        P4InfoIndex.fromText(
            new String(Fixtures.bytes("client_test.p4info.txtpb"), StandardCharsets.UTF_8));
    try (var client = P4RuntimeClient.connect(ClientOptions.builder("unix://" + socket).build())) {
      assertThat(client.awaitPrimary(Duration.ofSeconds(5))).isTrue();
      client.ensurePipeline(PipelineConfig.of(p4info.p4info(), Fixtures.bytes("client_test.json")));
      String table = "TestIngress.exact_table";
      String action = "TestIngress.set_port_counted";
      client.insert(
          TableEntry.in(table)
              .exact("dst_addr", Value.mac(H2_MAC.toString()))
              .action(action, "port", 2)
              .build(),
          TableEntry.in(table)
              .exact("dst_addr", Value.mac(H1_MAC.toString()))
              .action(action, "port", 1)
              .build());

      Process ping =
          new ProcessBuilder(
                  h1.command("ping", "-c", "3", "-i", "0.2", "-W", "2", H2_IP.toString()))
              .redirectErrorStream(true)
              .start();
      String out = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(ping.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(ping.exitValue())
          .as(
              "ping output:%n%s%nsoftswitch log:%n%s",
              out, Files.readString(dir.resolve("softswitch.log")))
          .isZero();
      assertThat(out).contains("3 received");

      // Without the entry towards h2, nothing gets through.
      client.delete(TableEntry.in(table).exact("dst_addr", Value.mac(H2_MAC.toString())).build());
      Process lost =
          new ProcessBuilder(
                  h1.command("ping", "-c", "2", "-i", "0.2", "-W", "1", H2_IP.toString()))
              .start();
      assertThat(lost.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(lost.exitValue()).isNotZero();
    }
  }
}
