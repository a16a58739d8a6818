package net.vdn.openflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** iperf3 between two hosts of an {@link Ovs}: what the receiving end counted. */
final class Iperf3 {
  private final Ovs ovs;
  private int runs;

  /** What the receiver counted: bytes, goodput (payload bits per second), and lost datagrams. */
  record Transfer(long bytes, double bitsPerSecond, double lostPercent) {}

  Iperf3(Ovs ovs) {
    this.ovs = ovs;
  }

  static void assumeAvailable() {
    assumeTrue(
        net.vdn.testsupport.Programs.onPath("iperf3"),
        "iperf3 not on PATH (Debian package iperf3)");
  }

  /** TCP from one host to the other for some seconds, with the kernel's congestion control. */
  Transfer tcp(Ovs.Host from, Ovs.Host to, int seconds) throws Exception {
    return run(from, to, "-t", "" + seconds);
  }

  /** TCP as above with a given congestion control ({@code cubic}, {@code bbr}, ...). */
  Transfer tcp(Ovs.Host from, Ovs.Host to, int seconds, String congestionControl) throws Exception {
    return run(from, to, "-t", "" + seconds, "-C", congestionControl);
  }

  /** UDP offered at a constant rate (bits per second of payload) for some seconds. */
  Transfer udp(Ovs.Host from, Ovs.Host to, long bitsPerSecond, int seconds) throws Exception {
    return run(from, to, "-u", "-b", "" + bitsPerSecond, "-l", "1400", "-t", "" + seconds);
  }

  /** Runs iperf3 from one host to another with these client options. */
  Transfer run(Ovs.Host from, Ovs.Host to, String... options) throws Exception {
    assumeAvailable();
    int port = 5201 + runs++;
    Path serverLog = Files.createTempFile(ovs.dir(), "iperf3-server", ".log");
    Process srv =
        ovs.spawnIn(
            to.namespace(), serverLog, "iperf3", "-s", "-1", "-B", to.ip(), "-p", "" + port);
    try {
      List<String> cmd =
          new ArrayList<>(
              List.of("iperf3", "-c", to.ip(), "-p", "" + port, "-J", "--connect-timeout", "3000"));
      cmd.addAll(List.of(options));
      String out = null;
      for (int attempt = 0; attempt < 20 && out == null; attempt++) {
        try {
          out = ovs.inNamespace(from.namespace(), cmd.toArray(String[]::new));
          if (out.contains("\"error\"") && out.contains("Connection refused")) {
            assertThat(srv.isAlive()).as("iperf3 server: %s", Files.readString(serverLog)).isTrue();
            out = null; // the server is not listening yet
            Thread.sleep(200);
          }
        } catch (IOException e) {
          if (!e.getMessage().contains("Connection refused") || !srv.isAlive()) {
            throw e;
          }
          Thread.sleep(200);
        }
      }
      assertThat(out).as("iperf3 ran").isNotNull();
      Matcher m = Pattern.compile("\"sum_received\"\\s*:\\s*\\{([^}]*)\\}").matcher(out);
      assertThat(m.find()).as("iperf3 reported what it received: %s", out).isTrue();
      String received = m.group(1);
      return new Transfer(
          (long) number(received, "bytes"),
          number(received, "bits_per_second"),
          received.contains("\"lost_percent\"") ? number(received, "lost_percent") : 0);
    } finally {
      Ovs.stop(srv);
    }
  }

  private static double number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*([0-9.eE+-]+)").matcher(json);
    assertThat(m.find()).as("%s in %s", field, json).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
