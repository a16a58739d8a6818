package net.vdn.controller.rig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.Http;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.services.Services;
import net.vdn.emulation.linux.RigSwitches;
import net.vdn.emulation.linux.RigTopology;

/**
 * A controller in front of a rig's switches, as an operator runs it: the switches declared in its
 * config, a file store, links found by LLDP through the switches' CPU ports.
 */
public final class RigController implements AutoCloseable {
  private final Path store;
  private final List<DeviceConfig> devices;
  private Controller controller;
  private Http http;

  public RigController(Path store, List<DeviceConfig> devices) {
    this.store = store;
    this.devices = devices;
    start();
  }

  /** Starts a controller on the store (after {@link #stop}, a restart: it restores the slices). */
  public void start() {
    controller =
        Controller.start(
            ControllerOptions.defaults(store)
                .withRest("127.0.0.1", 0)
                // A BMv2 switch on a busy machine may take a few hundred milliseconds to hand a
                // probe back: links age out after 3.5 intervals, 1.75 s here.
                .withDiscoveryInterval(Duration.ofMillis(500))
                .withDevices(devices));
    http = new Http(controller.restPort());
  }

  /** Stops the controller; the switches keep what they hold. */
  public void stop() {
    controller.close();
  }

  public Controller controller() {
    return controller;
  }

  public Services services() {
    return controller.services();
  }

  public Http http() {
    return http;
  }

  @Override
  public void close() {
    controller.close();
  }

  /** How the controller is told about a rig's switches: their addresses and ports, no gNMI. */
  public static List<DeviceConfig> devices(RigSwitches switches, RigTopology topology) {
    List<DeviceConfig> out = new java.util.ArrayList<>();
    for (int sw = 1; sw <= topology.switches(); sw++) {
      out.add(
          new DeviceConfig(
              "s" + sw,
              DeviceConfig.P4RUNTIME,
              switches.address(sw),
              1,
              DeviceConfig.SLICING,
              null,
              topology.ports(sw),
              RigSwitches.PORT_SPEED_BPS));
    }
    return out;
  }
}
