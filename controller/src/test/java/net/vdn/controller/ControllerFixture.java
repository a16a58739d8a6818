package net.vdn.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;

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

  private ControllerFixture(EmulatedNetwork net, Path store) {
    this.net = net;
    this.store = store;
  }

  /** Starts the network and a controller that knows its switches from its config. */
  public static ControllerFixture start(Topology topology, Path dir) throws Exception {
    ControllerFixture f =
        new ControllerFixture(EmulatedNetwork.start(topology, 0), dir.resolve("state.json"));
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

  public void awaitLinks(int directions) {
    await(
        () -> controller.graph().links().size() == directions,
        Duration.ofSeconds(10),
        () -> "links: " + controller.graph().links());
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
    if (controller != null) {
      controller.close();
    }
    net.close();
  }
}
