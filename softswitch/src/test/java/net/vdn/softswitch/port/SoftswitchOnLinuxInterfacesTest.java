package net.vdn.softswitch.port;

import static net.vdn.softswitch.port.TestFrames.frame;
import static net.vdn.softswitch.port.TestFrames.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import net.vdn.testsupport.Programs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A softswitch in this JVM with its ports bound straight to Linux interfaces ({@link
 * SoftswitchDevice#bindInterface}), no relay between: hosts in network namespaces ping each other
 * and exchange TCP through it, and VLAN-tagged frames keep their tags on the way in and out.
 */
class SoftswitchOnLinuxInterfacesTest {
  private static final String H1_MAC = "00:00:00:00:01:01";
  private static final String H2_MAC = "00:00:00:00:01:02";
  private static final String H1_IP = "10.0.0.1";
  private static final String H2_IP = "10.0.0.2";
  private static final String EXACT = "TestIngress.exact_table";
  private static final String TERNARY = "TestIngress.ternary_table";

  private final LinuxLinks links = new LinuxLinks();
  private final SoftswitchDevice device = new SoftswitchDevice(1, 255);
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    processes.forEach(p -> Programs.stop(p));
    device.close();
    links.close();
  }

  /** The switch running the client test program, and a P4Runtime client that controls it. */
  private P4RuntimeClient programmedSwitch() throws Exception {
    int port = device.serve("127.0.0.1", 0);
    P4RuntimeClient client =
        P4RuntimeClient.connect(ClientOptions.builder("127.0.0.1:" + port).build());
    assertThat(client.awaitPrimary(Duration.ofSeconds(5))).isTrue();
    var p4info =
        P4InfoIndex.fromText(
            new String(Fixtures.bytes("client_test.p4info.txtpb"), StandardCharsets.UTF_8));
    client.ensurePipeline(PipelineConfig.of(p4info.p4info(), Fixtures.bytes("client_test.json")));
    return client;
  }

  private Process start(Path log, String ns, String... command) throws Exception {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(List.of(command));
    Process p =
        new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    return p;
  }

  @Test
  void hostsInNamespacesPingAndExchangeTcpThroughPortsOnTheirInterfaces(@TempDir Path dir)
      throws Exception {
    String missing = LinuxLinks.missing("ip", "ping", "iperf3", "ethtool", "ss");
    assumeTrue(missing == null, missing);
    String h1 = links.id + "h1";
    String h2 = links.id + "h2";
    links.host(h1, links.id + "p1", links.id + "e1", H1_MAC, H1_IP);
    links.host(h2, links.id + "p2", links.id + "e2", H2_MAC, H2_IP);
    LinuxLinks.inNamespace(
        h1, "ip", "neigh", "add", H2_IP, "lladdr", H2_MAC, "dev", links.id + "e1");
    LinuxLinks.inNamespace(
        h2, "ip", "neigh", "add", H1_IP, "lladdr", H1_MAC, "dev", links.id + "e2");

    try (P4RuntimeClient client = programmedSwitch();
        LinuxInterfacePort p1 = device.bindInterface(1, links.id + "p1");
        LinuxInterfacePort p2 = device.bindInterface(2, links.id + "p2")) {
      client.insert(
          TableEntry.in(EXACT)
              .exact("dst_addr", Value.mac(H2_MAC))
              .action("TestIngress.set_port_counted", "port", 2)
              .build(),
          TableEntry.in(EXACT)
              .exact("dst_addr", Value.mac(H1_MAC))
              .action("TestIngress.set_port_counted", "port", 1)
              .build());

      Process ping =
          new ProcessBuilder(
                  "ip", "netns", "exec", h1, "ping", "-c", "3", "-i", "0.2", "-W", "2", H2_IP)
              .redirectErrorStream(true)
              .start();
      String pinged = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(ping.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(pinged).as("ping output").contains("3 received");

      start(dir.resolve("iperf3-server.log"), h2, "iperf3", "-s", "-1", "-B", H2_IP);
      awaitListening(h2, 5201, dir.resolve("iperf3-server.log"));
      Process iperf =
          new ProcessBuilder(
                  "ip",
                  "netns",
                  "exec",
                  h1,
                  "iperf3",
                  "-c",
                  H2_IP,
                  "-t",
                  "3",
                  "-J",
                  "--connect-timeout",
                  "3000")
              .redirectError(dir.resolve("iperf3-client.err").toFile())
              .start();
      processes.add(iperf);
      String json = new String(iperf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(iperf.waitFor(30, TimeUnit.SECONDS)).isTrue();
      JsonNode result = new ObjectMapper().readTree(json);
      assertThat(result.path("error").isMissingNode()).as("iperf3 said: %s", json).isTrue();
      double received = result.path("end").path("sum_received").path("bits_per_second").asDouble();
      long retransmits = result.path("end").path("sum_sent").path("retransmits").asLong();
      System.out.printf(
          "iperf3 TCP for 3 s through the softswitch on veths: %.1f Mb/s received,"
              + " %d retransmits; port 1 %d frames in / %d out, port 2 %d in / %d out%n",
          received / 1e6,
          retransmits,
          p1.framesReceived(),
          p1.framesSent(),
          p2.framesReceived(),
          p2.framesSent());
      assertThat(received).as("iperf3 received rate, b/s").isPositive();
      assertThat(p1.receiveErrors() + p2.receiveErrors()).isZero();
      assertThat(device.ports().byNumber(1).counters().inPackets.get()).isPositive();

      // Without the entry towards h2, nothing gets through: the switch is the only way.
      client.delete(TableEntry.in(EXACT).exact("dst_addr", Value.mac(H2_MAC)).build());
      Process lost =
          new ProcessBuilder("ip", "netns", "exec", h1, "ping", "-c", "2", "-W", "1", H2_IP)
              .start();
      assertThat(lost.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(lost.exitValue()).isNotZero();
    }
  }

  /** Waits until something listens on TCP {@code port} in namespace {@code ns}. */
  private static void awaitListening(String ns, int port, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!LinuxLinks.inNamespace(ns, "ss", "-Htln", "sport = :" + port).contains(":" + port)) {
      assertThat(System.nanoTime())
          .as("iperf3 server listening; its log: %s", Files.readString(log))
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void taggedFramesKeepTheirTagsThroughTheSwitch() throws Exception {
    String missing = LinuxLinks.missing("ip");
    assumeTrue(missing == null, missing);
    String a0 = links.id + "a0";
    String a1 = links.id + "a1";
    String b0 = links.id + "b0";
    String b1 = links.id + "b1";
    links.vethPair(a0, a1);
    links.vethPair(b0, b1);
    Duration timeout = Duration.ofMillis(100);
    try (P4RuntimeClient client = programmedSwitch();
        LinuxInterfacePort p1 = device.bindInterface(1, a0);
        LinuxInterfacePort p2 = device.bindInterface(2, b0);
        PacketSocket hostA = PacketSocket.open(a1, timeout);
        PacketSocket hostB = PacketSocket.open(b1, timeout);
        PacketSocket.Reader atB = hostB.reader()) {
      // Only what the switch sees tagged goes to port 2: the program reads the EtherType after
      // the source MAC, which is 0x8100 when the tag is in the frame's bytes.
      client.insert(
          TableEntry.in(TERNARY)
              .ternary("ether_type", Value.of(0x8100), Value.of(0xffff))
              .priority(10)
              .action("TestIngress.set_port_metered", "port", 2)
              .build());

      byte[] untagged = frame(46, 1);
      hostA.send(untagged);
      assertThat(next(atB, 500)).as("an untagged frame does not reach port 2").isNull();

      byte[] tagged = frame(46, 2, 0x8100, 0x6065); // priority 3, VLAN 101
      hostA.send(tagged);
      assertThat(next(atB, 2000)).isEqualTo(tagged);
      // The tag was on the wire out of port 2: the receiving kernel found it in the bytes.
      assertThat(atB.tagStripped()).isTrue();
      assertThat(atB.tci()).isEqualTo(0x6065);
      assertThat(p1.framesReceived()).isEqualTo(2);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (p2.framesSent() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10); // counted once the send returned, maybe after the frame was read
      }
      assertThat(p2.framesSent()).isEqualTo(1);
    }
  }
}
