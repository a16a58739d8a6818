package net.vdn.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.services.Services;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;

/** An emulated network with a controller in front of it, as the main job runs them. */
public final class ControllerFixture implements AutoCloseable {
  /**
   * Four switches in a square (two equal paths between s1 and s3) on 100 Mb/s links; tenants a and
   * b each have a host on s1 and one on s3.
   */
  public static final Topology SQUARE =
      new Topology(
          List.of(
              new Topology.Switch("s1", 1),
              new Topology.Switch("s2", 2),
              new Topology.Switch("s3", 3),
              new Topology.Switch("s4", 4)),
          List.of(
              new Topology.Link("s1", 1, "s2", 1, 100, 0.1),
              new Topology.Link("s2", 2, "s3", 1, 100, 0.1),
              new Topology.Link("s3", 2, "s4", 2, 100, 0.1),
              new Topology.Link("s4", 1, "s1", 2, 100, 0.1)),
          List.of(
              new Topology.Host("a1", "s1", 10, "00:00:00:00:0a:01", "10.0.0.1"),
              new Topology.Host("b1", "s1", 11, "00:00:00:00:0b:01", "10.0.0.11"),
              new Topology.Host("a3", "s3", 10, "00:00:00:00:0a:03", "10.0.0.3"),
              new Topology.Host("b3", "s3", 11, "00:00:00:00:0b:03", "10.0.0.13")));

  public final EmulatedNetwork net;
  public final Path store;
  public Controller controller;
  public Http http;
  private final Map<String, P4RuntimeClient> readers = new TreeMap<>();

  private ControllerFixture(EmulatedNetwork net, Path store) {
    this.net = net;
    this.store = store;
  }

  /** Starts the network and a controller that knows its switches from its config. */
  public static ControllerFixture start(Topology topology, Path dir) throws Exception {
    return withStore(topology, dir.resolve("state.json"));
  }

  /** Starts the network and a controller that keeps its state in memory only (no restarts). */
  public static ControllerFixture inMemory(Topology topology) throws Exception {
    return withStore(topology, null);
  }

  private static ControllerFixture withStore(Topology topology, Path store) throws Exception {
    ControllerFixture f = new ControllerFixture(EmulatedNetwork.start(topology, 0), store);
    try {
      f.startController(f.devices());
    } catch (Exception | Error e) {
      f.close();
      throw e;
    }
    return f;
  }

  public List<DeviceConfig> devices() {
    List<DeviceConfig> out = new ArrayList<>();
    for (Topology.Switch s : net.topology().switches()) {
      out.add(DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId()));
    }
    return out;
  }

  public void startController(List<DeviceConfig> devices) {
    controller =
        Controller.start(
            ControllerOptions.defaults(store)
                .withRest("127.0.0.1", 0)
                .withDiscoveryInterval(Duration.ofMillis(200))
                .withDevices(devices));
    http = new Http(controller.restPort());
  }

  /** Stops the controller (the network stays) and starts a new one on the same store. */
  public void restartController() {
    controller.close();
    startController(List.of());
  }

  public Services services() {
    return controller.services();
  }

  public void awaitLinks(int directions) {
    await(
        () -> services().topology().links().size() == directions,
        Duration.ofSeconds(10),
        () -> "links: " + services().topology().links());
  }

  /** How many entries the controller keeps for each device (what each should hold). */
  public Map<String, Integer> mirrorSizes() {
    Map<String, Integer> out = new TreeMap<>();
    services().devices().devices().forEach(d -> out.put(d.name(), d.mirrorEntries()));
    return out;
  }

  /**
   * A P4Runtime client of the test's own for a switch, a backup below the controller's election id:
   * for reading what the switch holds and counts.
   */
  public P4RuntimeClient reader(String device) {
    P4RuntimeClient open = readers.get(device);
    if (open != null) {
      return open;
    }
    Topology.Switch s = net.topology().switchNamed(device);
    P4RuntimeClient c =
        P4RuntimeClient.connect(
            ClientOptions.builder(net.p4runtimeAddress(device)).deviceId(s.deviceId()).build());
    readers.put(device, c);
    c.fetchP4Info();
    return c;
  }

  public static void await(
      BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting; " + what.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** A slice request body between two hosts' ports, as the REST API takes it. */
  public static String slice(String name, String tenant, int id, int port, long cirBps) {
    return """
        {"name": "%s", "tenant": "%s", "sliceId": %d,
         "endpoints": [{"device": "s1", "port": %d}, {"device": "s3", "port": %d}],
         "cirBps": %d, "pirBps": %d}"""
        .formatted(name, tenant, id, port, port, cirBps, cirBps);
  }

  @Override
  public void close() {
    readers.values().forEach(P4RuntimeClient::close);
    if (controller != null) {
      controller.close();
    }
    net.close();
  }
}
