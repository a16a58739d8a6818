package net.vdn.controller.services;

import net.vdn.controller.cluster.ClusterService;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.federation.FederationService;
import net.vdn.controller.host.HostService;
import net.vdn.controller.optical.OpticalService;
import net.vdn.controller.path.PathService;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.topology.TopologyService;

/**
 * The controller's services, by their interfaces: what the northbound (REST, metrics, the main job)
 * is given, never the implementations behind them. {@code federation} is null when the controller
 * serves no domain.
 */
public record Services(
    DeviceService devices,
    TopologyService topology,
    HostService hosts,
    PathService paths,
    SliceService slices,
    OpticalService optical,
    ClusterService cluster,
    FederationService federation) {
  /** Whether this controller serves inter-domain slices ({@link #federation} is null if not). */
  public boolean federated() {
    return federation != null;
  }
}
