package net.vdn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.cluster.ClusterConfig;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.testsupport.EtcdMembers;

/**
 * Slice setup on one controller with its file store, one controller on etcd, and three controllers
 * on the same etcd, with the same workload in one run: the emulated KREONET-S in a child JVM, a
 * three-member etcd (Debian's {@code etcd}, data on disk) started here, controllers in this JVM.
 * Each configuration creates {@code --warmup} slices and deletes them (not recorded), then creates
 * {@code --slices} Hong Kong - Chicago slices (4 switches, mastered by different controllers in the
 * cluster) one after another over REST — through each controller in turn with three — timing each
 * from request to answer, and deletes them.
 *
 * <p>Usage: {@code ClusterSetupBench [--slices 200] [--warmup 500] [--first-port 52201]}.
 */
public final class ClusterSetupBench {
  private ClusterSetupBench() {}

  public static void main(String[] args) throws Exception {
    int measured = Integer.parseInt(PacketRateBench.arg(args, "--slices", "200"));
    int warmup = Integer.parseInt(PacketRateBench.arg(args, "--warmup", "500"));
    int firstPort = Integer.parseInt(PacketRateBench.arg(args, "--first-port", "52201"));
    Path dir = Files.createTempDirectory("vdn-cluster-bench");
    List<String> summary = new ArrayList<>();
    Process emulation = KreonetController.emulation(firstPort);
    try (EtcdMembers etcd = EtcdMembers.start(3, dir)) {
      System.out.printf(
          Locale.ROOT,
          "KREONET-S emulated in a child JVM; etcd: 3 members on loopback, data in %s%n",
          dir);
      int id = 1;
      for (String config :
          List.of("1 controller, file store", "1 controller, etcd", "3 controllers, etcd")) {
        List<Controller> controllers = new ArrayList<>();
        try {
          int n = config.startsWith("3") ? 3 : 1;
          String prefix = "/bench-" + n + "-" + System.nanoTime() + "/";
          for (int i = 1; i <= n; i++) {
            ControllerOptions o =
                config.contains("file")
                    ? ControllerOptions.defaults(dir.resolve("state.json"))
                        .withRest("127.0.0.1", 0)
                        .withDevices(ClusterMember.devices(firstPort))
                    : ClusterMember.options("c" + i, etcd.endpoints(), firstPort)
                        .withCluster(
                            new ClusterConfig(
                                "c" + i,
                                etcd.endpoints(),
                                prefix,
                                null,
                                null,
                                null,
                                Duration.ofSeconds(10)));
            controllers.add(Controller.start(o));
          }
          List<Rest> apis = new ArrayList<>();
          controllers.forEach(c -> apis.add(new Rest(c.restPort())));
          await(apis, n, config.contains("etcd"));
          run(apis, id, warmup);
          id += warmup;
          long[][] t = run(apis, id, measured);
          id += measured;
          SliceSetupBench.Stats create = SliceSetupBench.Stats.of(t[0]);
          SliceSetupBench.Stats delete = SliceSetupBench.Stats.of(t[1]);
          System.out.printf(
              Locale.ROOT,
              "%-26s create p50 %6.2f ms p99 %6.2f ms max %6.2f ms, %4.0f slices/s;"
                  + " delete p50 %6.2f ms p99 %6.2f ms%n",
              config,
              create.p50(),
              create.p99(),
              create.max(),
              create.perSecond(),
              delete.p50(),
              delete.p99());
          summary.add(
              String.format(
                  Locale.ROOT,
                  "%s: p50 %.2f ms p99 %.2f ms %.0f/s",
                  config,
                  create.p50(),
                  create.p99(),
                  create.perSecond()));
        } finally {
          for (Controller c : controllers.reversed()) {
            c.close();
          }
        }
      }
    } finally {
      emulation.destroy();
      emulation.waitFor();
    }
    System.out.println(
        "SUMMARY cluster-setup 4-switch slice over REST on KREONET-S | "
            + String.join(" | ", summary));
  }

  private static void await(List<Rest> apis, int members, boolean cluster) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (Rest api : apis) {
      while (api.links() < 20 || (cluster && !api.balanced(8, members))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the controllers did not settle: " + api.get("/cluster").body());
        }
        Thread.sleep(50);
      }
    }
  }

  /** Creates then deletes {@code n} slices, through each controller in turn; nanoseconds each. */
  private static long[][] run(List<Rest> apis, int firstId, int n) throws Exception {
    long[] create = new long[n];
    long[] delete = new long[n];
    for (int i = 0; i < n; i++) {
      SliceSpec s = KreonetController.slice(firstId + i, "hongkong", "chicago", 10);
      Rest api = apis.get(i % apis.size());
      long t0 = System.nanoTime();
      Rest.Answer r = api.call("POST", "/slices", SliceSetupBench.json(s));
      create[i] = System.nanoTime() - t0;
      if (r.code() != 201) {
        throw new IllegalStateException("create " + s.name() + ": " + r.code() + " " + r.body());
      }
    }
    for (int i = 0; i < n; i++) {
      Rest api = apis.get(i % apis.size());
      long t0 = System.nanoTime();
      Rest.Answer r = api.call("DELETE", "/slices/s" + (firstId + i), null);
      delete[i] = System.nanoTime() - t0;
      if (r.code() != 204) {
        throw new IllegalStateException(
            "delete s" + (firstId + i) + ": " + r.code() + " " + r.body());
      }
    }
    return new long[][] {create, delete};
  }
}
