package net.vdn.controller;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import net.vdn.controller.slice.DeviceHandle;
import net.vdn.controller.topology.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyGraph;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.pipeconf.SlicingPipeline;

/** Test helpers that put the controller in front of an emulated network. */
public final class EmulatedFabric {
  private EmulatedFabric() {}

  /** The topology's links, both directions, as the controller would have discovered them. */
  public static TopologyGraph graphOf(Topology topology) {
    TopologyGraph graph = new TopologyGraph();
    for (Topology.Link l : topology.links()) {
      Link link =
          new Link(
              new ConnectPoint(l.a(), l.aPort()),
              new ConnectPoint(l.b(), l.bPort()),
              l.capacityMbps() * 1_000_000);
      graph.add(link);
      graph.add(link.reverse());
    }
    return graph;
  }

  /** Connects to every switch as primary with the slicing pipeline ensured. */
  public static Map<String, DeviceHandle> connectAll(EmulatedNetwork net) {
    Map<String, DeviceHandle> devices = new LinkedHashMap<>();
    for (Topology.Switch s : net.topology().switches()) {
      var c =
          P4RuntimeClient.connect(
              ClientOptions.builder(net.p4runtimeAddress(s.name())).deviceId(s.deviceId()).build());
      c.awaitPrimary(Duration.ofSeconds(5));
      c.ensurePipeline(SlicingPipeline.config());
      devices.put(s.name(), DeviceHandle.of(s.name(), c));
    }
    return devices;
  }
}
