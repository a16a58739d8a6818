package net.vdn.emulation.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;

/** iperf3 between two hosts of a rig: a server for one test, a client, the client's report. */
public final class Iperf {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a transfer gave: the rate the receiver got (payload, bits per second), the sender's
   * retransmissions (TCP) and the datagrams lost (UDP, percent).
   */
  public record Result(double receivedBps, long retransmits, double lostPercent) {
    public double mbps() {
      return receivedBps / 1e6;
    }
  }

  private Iperf() {}

  /** TCP from one host to another for {@code seconds}. */
  public static Result tcp(LinuxRig rig, String from, String to, int seconds) throws Exception {
    return run(rig, from, to, seconds, "-C", "cubic");
  }

  /** UDP at {@code bps} offered, 1400-byte datagrams. */
  public static Result udp(LinuxRig rig, String from, String to, int seconds, long bps)
      throws Exception {
    return run(rig, from, to, seconds, "-u", "-b", String.valueOf(bps), "-l", "1400");
  }

  private static Result run(LinuxRig rig, String from, String to, int seconds, String... mode)
      throws Exception {
    int port = 5201 + (int) (Math.random() * 1000);
    Path log = Files.createTempFile("vdn-iperf-", ".log");
    Process server =
        Sh.start(log, Sh.in(rig.namespace(to), "iperf3", "-s", "-1", "-p", String.valueOf(port)));
    try {
      String address = rig.topology().host(to).ip();
      java.util.List<String> command =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "iperf3",
                  "-c",
                  address,
                  "-p",
                  String.valueOf(port),
                  "-t",
                  String.valueOf(seconds),
                  "-J"));
      command.addAll(java.util.List.of(mode));
      JsonNode report = null;
      for (int attempt = 0; report == null; attempt++) {
        String out;
        try {
          out = Sh.run(Sh.in(rig.namespace(from), command.toArray(String[]::new)));
        } catch (IllegalStateException e) {
          out = e.getMessage().substring(e.getMessage().indexOf('{'));
        }
        JsonNode r = JSON.readTree(out);
        String error = r.path("error").asText("");
        if (error.contains("Connection refused") && attempt < 30) {
          // The server is not listening yet.
          Thread.sleep(100);
        } else if (!error.isEmpty()) {
          throw new IllegalStateException("iperf3 " + from + " -> " + to + ": " + error);
        } else {
          report = r;
        }
      }
      JsonNode end = report.path("end");
      JsonNode received = end.path("sum_received");
      return new Result(
          received.path("bits_per_second").asDouble(),
          end.path("sum_sent").path("retransmits").asLong(),
          end.path("sum").path("lost_percent").asDouble(0));
    } finally {
      Sh.stop(server);
      Files.deleteIfExists(log);
    }
  }
}
