package net.vdn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.vdn.emulation.Topology;
import net.vdn.testsupport.EtcdMembers;

/**
 * Failover of a device's master: three controllers, each in a JVM of its own, over the emulated
 * KREONET-S (a child JVM) and a three-member etcd. Each trial picks a device (in turn), kills its
 * master with -9, and measures from the kill to (a) another controller reporting itself the
 * device's ready master (reconciled, at a higher term) and (b) the first successful write to the
 * device through the cluster: a slice created over REST, through a surviving controller, with an
 * end on that device, asked again every 10 ms until it is accepted. The killed controller is then
 * started again and the cluster left to rebalance before the next trial.
 *
 * <p>Usage: {@code FailoverBench [--trials 10] [--first-port 52301]}.
 */
public final class FailoverBench {
  private FailoverBench() {}

  public static void main(String[] args) throws Exception {
    int trials = Integer.parseInt(PacketRateBench.arg(args, "--trials", "10"));
    int firstPort = Integer.parseInt(PacketRateBench.arg(args, "--first-port", "52301"));
    Path dir = Files.createTempDirectory("vdn-failover-bench");
    List<String> sites =
        Topology.kreonetS().switches().stream().map(Topology.Switch::name).toList();
    Process emulation = KreonetController.emulation(firstPort);
    Map<String, Process> members = new LinkedHashMap<>();
    Map<String, Rest> apis = new LinkedHashMap<>();
    try (EtcdMembers etcd = EtcdMembers.start(3, dir)) {
      String endpoints = String.join(",", etcd.endpoints());
      for (String m : List.of("c1", "c2", "c3")) {
        start(m, endpoints, firstPort, dir, members, apis);
      }
      settle(apis);
      double[] ready = new double[trials];
      double[] written = new double[trials];
      List<Integer> failed = new ArrayList<>();
      for (int t = 0; t < trials; t++) {
        String device = sites.get(t % sites.size());
        String other = device.equals("seoul") ? "daejeon" : "seoul";
        Rest any = apis.values().iterator().next();
        JsonNode m = any.mastership(device);
        String victim = m.get("master").asText();
        long term = m.get("term").asLong();
        Rest via =
            apis.entrySet().stream()
                .filter(e -> !e.getKey().equals(victim))
                .findFirst()
                .orElseThrow()
                .getValue();
        String slice = SliceSetupBench.json(KreonetController.slice(3000 + t, device, other, 12));

        long t0 = System.nanoTime();
        members.remove(victim).destroyForcibly();
        apis.remove(victim);
        long[] readyAt = {0};
        Thread watcher =
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        while (readyAt[0] == 0) {
                          JsonNode n = via.mastership(device);
                          if (n != null
                              && !n.get("master").asText().equals(victim)
                              && n.get("term").asLong() > term
                              && n.get("ready").asBoolean()) {
                            readyAt[0] = System.nanoTime();
                          }
                          Thread.sleep(5);
                        }
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    });
        Rest.Answer a;
        do {
          a = via.call("POST", "/slices", slice);
          if (a.code() != 201) {
            Thread.sleep(10);
          }
        } while (a.code() != 201 && System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());
        long writeAt = System.nanoTime();
        watcher.join(Duration.ofSeconds(30));
        readyAt[0] = readyAt[0] == 0 ? -1 : readyAt[0];
        ready[t] = readyAt[0] < 0 ? Double.NaN : (readyAt[0] - t0) / 1e6;
        written[t] = a.code() != 201 ? Double.NaN : (writeAt - t0) / 1e6;
        if (a.code() != 201) {
          failed.add(t + 1);
          System.out.printf(
              Locale.ROOT,
              "trial %2d: killed %s, master of %-9s (term %d): new master ready after %6.1f ms,"
                  + " NO slice written within 30 s: %d %s%n",
              t + 1,
              victim,
              device,
              term,
              ready[t],
              a.code(),
              a.body().replaceAll("\\s+", " "));
        } else {
          System.out.printf(
              Locale.ROOT,
              "trial %2d: killed %s, master of %-9s (term %d): new master ready after %6.1f ms,"
                  + " first slice written after %6.1f ms%n",
              t + 1,
              victim,
              device,
              term,
              ready[t],
              written[t]);
        }
        via.call("DELETE", "/slices/s" + (3000 + t), null);
        start(victim, endpoints, firstPort, dir, members, apis);
        settle(apis);
      }
      System.out.printf(
          Locale.ROOT,
          "SUMMARY failover kill -9 of a master, 3 controllers, %d trials | new master ready:"
              + " median %.0f ms max %.0f ms | first write: median %.0f ms max %.0f ms"
              + " | trials without a write within 30 s: %s%n",
          trials,
          median(ready),
          max(ready),
          median(written),
          max(written),
          failed.isEmpty() ? "none" : failed);
    } finally {
      members.values().forEach(Process::destroyForcibly);
      emulation.destroy();
      emulation.waitFor();
    }
  }

  /** The median of the measured values (a failed trial's NaN left out). */
  private static double median(double[] v) {
    double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    if (s.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** Starts a member; one that stops before it is up (etcd slow to answer) is started again. */
  private static void start(
      String member,
      String endpoints,
      int firstPort,
      Path dir,
      Map<String, Process> members,
      Map<String, Rest> apis)
      throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        startOnce(member, endpoints, firstPort, dir, members, apis);
        return;
      } catch (IllegalStateException e) {
        Process p = members.remove(member);
        if (p != null) {
          p.destroyForcibly().waitFor();
        }
        if (attempt == 3) {
          throw e;
        }
        System.out.printf("%s did not start (attempt %d), again%n", member, attempt);
      }
    }
  }

  private static double max(double[] v) {
    return Arrays.stream(v).filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
  }

  private static void startOnce(
      String member,
      String endpoints,
      int firstPort,
      Path dir,
      Map<String, Process> members,
      Map<String, Rest> apis)
      throws Exception {
    Path portFile = dir.resolve(member + ".port");
    Files.deleteIfExists(portFile);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                ClusterMember.class.getName(),
                member,
                endpoints,
                String.valueOf(firstPort),
                portFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(member + ".log").toFile())
            .start();
    members.put(member, p);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(portFile)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            member + " did not start; see " + dir.resolve(member + ".log"));
      }
      Thread.sleep(50);
    }
    apis.put(member, new Rest(Integer.parseInt(Files.readString(portFile).strip())));
  }

  /** Waits until every device has a ready master and every member masters some. */
  private static void settle(Map<String, Rest> apis) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (Rest api : new ArrayList<>(apis.values())) {
      while (api.links() < 20 || !api.balanced(8, apis.size())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the cluster did not settle: "
                  + api.links()
                  + " of 20 link directions, "
                  + api.get("/cluster").body());
        }
        Thread.sleep(50);
      }
    }
  }
}
