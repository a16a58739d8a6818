package net.vdn.softswitch.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.Fixtures;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.it.RequiresBinary;
import net.vdn.p4runtime.it.Tools;
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
  private final String id = String.valueOf(ProcessHandle.current().pid());
  private final String sw = "vdnsw" + id;
  private final String h1 = "vdnh1" + id;
  private final String h2 = "vdnh2" + id;
  private final List<Process> processes = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    processes.forEach(p -> Tools.stop(p, null));
    for (String ns : namespaces) {
      try {
        Tools.run("ip", "netns", "del", ns);
      } catch (Exception e) {
        // already gone
      }
    }
  }

  private void namespace(String ns) throws Exception {
    Tools.run("ip", "netns", "add", ns);
    namespaces.add(ns);
    Tools.inNamespace(ns, "ip", "link", "set", "lo", "up");
    Tools.inNamespace(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
  }

  private void host(String ns, String swEnd, String hostEnd, String mac, String ip)
      throws Exception {
    Tools.inNamespace(sw, "ip", "link", "add", swEnd, "type", "veth", "peer", "name", hostEnd);
    Tools.inNamespace(sw, "ip", "link", "set", hostEnd, "netns", ns);
    Tools.inNamespace(sw, "ip", "link", "set", swEnd, "up");
    Tools.inNamespace(ns, "ip", "link", "set", hostEnd, "address", mac);
    Tools.inNamespace(ns, "ip", "addr", "add", ip + "/24", "dev", hostEnd);
    Tools.inNamespace(ns, "ip", "link", "set", hostEnd, "up");
  }

  private Process start(Path log, String... command) throws Exception {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", sw));
    full.addAll(List.of(command));
    Process p =
        new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    return p;
  }

  @Test
  void hostsInNamespacesPingEachOtherThroughTheSoftswitch(@TempDir Path dir) throws Exception {
    assumeTrue(
        Tools.isRoot() && Tools.onPath("ip") && Tools.onPath("ping"),
        "needs root, ip and ping for network namespaces");
    namespace(sw);
    namespace(h1);
    namespace(h2);
    host(h1, "p1", "h1e", "00:00:00:00:01:01", "10.0.0.1");
    host(h2, "p2", "h2e", "00:00:00:00:01:02", "10.0.0.2");
    Tools.inNamespace(
        h1, "ip", "neigh", "add", "10.0.0.2", "lladdr", "00:00:00:00:01:02", "dev", "h1e");
    Tools.inNamespace(
        h2, "ip", "neigh", "add", "10.0.0.1", "lladdr", "00:00:00:00:01:01", "dev", "h2e");

    Path socket = dir.resolve("p4rt.sock");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process softswitch =
        start(
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
    start(
        dir.resolve("relay1.log"),
        "socat",
        "INTERFACE:p1",
        "UDP4-DATAGRAM:127.0.0.1:41001,bind=127.0.0.1:41011");
    start(
        dir.resolve("relay2.log"),
        "socat",
        "INTERFACE:p2",
        "UDP4-DATAGRAM:127.0.0.1:41002,bind=127.0.0.1:41012");
    Tools.awaitGrpc("unix://" + socket, softswitch, dir.resolve("softswitch.log"));

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
              .exact("dst_addr", Value.mac("00:00:00:00:01:02"))
              .action(action, "port", 2)
              .build(),
          TableEntry.in(table)
              .exact("dst_addr", Value.mac("00:00:00:00:01:01"))
              .action(action, "port", 1)
              .build());

      Process ping =
          new ProcessBuilder(
                  "ip", "netns", "exec", h1, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.0.0.2")
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
      client.delete(TableEntry.in(table).exact("dst_addr", Value.mac("00:00:00:00:01:02")).build());
      Process lost =
          new ProcessBuilder(
                  "ip", "netns", "exec", h1, "ping", "-c", "2", "-i", "0.2", "-W", "1", "10.0.0.2")
              .start();
      assertThat(lost.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(lost.exitValue()).isNotZero();
    }
  }
}
