package net.vdn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.cluster.ClusterConfig;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.emulation.Topology;

/**
 * One controller of a benchmark's cluster in a JVM of its own (so that it can be killed with -9),
 * in front of the emulated KREONET-S: {@code ClusterMember MEMBER ETCD[,ETCD] FIRST-PORT
 * PORT-FILE}. Writes its REST port to PORT-FILE once up; runs until killed.
 */
public final class ClusterMember {
  private ClusterMember() {}

  public static void main(String[] args) throws Exception {
    int first = Integer.parseInt(args[2]);
    Controller c = Controller.start(options(args[0], List.of(args[1].split(",")), first));
    Path portFile = Path.of(args[3]);
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, String.valueOf(c.restPort()));
    Files.move(tmp, portFile);
    Thread.currentThread().join();
  }

  /**
   * A member's options: every KREONET-S switch, REST on any port, no file store; the cluster's
   * default timings but for etcd requests, given 10 s (a loaded machine's etcd can be slow to
   * answer a controller's first read).
   */
  static ControllerOptions options(String member, List<String> etcd, int firstPort) {
    return ControllerOptions.inMemory()
        .withRest("127.0.0.1", 0)
        .withDevices(devices(firstPort))
        .withCluster(
            new ClusterConfig(member, etcd, null, null, null, null, Duration.ofSeconds(10)));
  }

  static List<DeviceConfig> devices(int firstPort) {
    List<DeviceConfig> out = new ArrayList<>();
    int i = 0;
    for (Topology.Switch s : Topology.kreonetS().switches()) {
      out.add(DeviceConfig.p4(s.name(), "127.0.0.1:" + (firstPort + i++), s.deviceId()));
    }
    return out;
  }
}
