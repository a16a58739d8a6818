package net.vdn.controller.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;

/**
 * A cluster member in a JVM of its own, for tests that kill it: {@code MEMBER ETCD,ETCD PORTFILE
 * NAME=HOST:PORT#ID...}. Writes its REST port to PORTFILE once it is up, then runs until killed.
 */
public final class ControllerProcess {
  /** System properties with the member's lease and failure timeout, in milliseconds. */
  static final String LEASE_MS = "vdn.test.leaseMs";

  static final String FAILURE_TIMEOUT_MS = "vdn.test.failureTimeoutMs";

  private ControllerProcess() {}

  public static void main(String[] args) throws Exception {
    List<DeviceConfig> devices = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      String name = args[i].substring(0, args[i].indexOf('='));
      String rest = args[i].substring(args[i].indexOf('=') + 1);
      String address = rest.substring(0, rest.indexOf('#'));
      long id = Long.parseLong(rest.substring(rest.indexOf('#') + 1));
      devices.add(DeviceConfig.p4(name, address, id));
    }
    ClusterConfig cluster =
        new ClusterConfig(
            args[0],
            List.of(args[1].split(",")),
            "/vdn/",
            Duration.ofMillis(Long.getLong(LEASE_MS, 1000)),
            Duration.ofMillis(100),
            Duration.ofMillis(Long.getLong(FAILURE_TIMEOUT_MS, 800)),
            Duration.ofSeconds(3));
    Controller c =
        Controller.start(
            ControllerOptions.inMemory()
                .withRest("127.0.0.1", 0)
                .withDiscoveryInterval(Duration.ofMillis(200))
                .withDevices(devices)
                .withCluster(cluster));
    Path portFile = Path.of(args[2]);
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, String.valueOf(c.restPort()));
    Files.move(tmp, portFile);
    Thread.currentThread().join();
  }
}
