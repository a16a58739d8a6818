package net.vdn.controller;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyListener;
import net.vdn.controller.topology.TopologyService;
import net.vdn.emulation.Topology;

/**
 * A topology service over links the test gives (for path and compilation unit tests): nothing is
 * discovered, nothing ages out, no events are sent.
 */
public final class FixedTopology implements TopologyService {
  private final Map<ConnectPoint, Link> bySource = new ConcurrentHashMap<>();
  private final java.util.Set<ConnectPoint> cut = ConcurrentHashMap.newKeySet();

  /** The topology's links, both directions, as the controller would have discovered them. */
  public static FixedTopology of(Topology topology) {
    FixedTopology t = new FixedTopology();
    for (Topology.Link l : topology.links()) {
      t.link(l.a(), l.aPort(), l.b(), l.bPort(), l.capacityMbps() * 1_000_000);
    }
    return t;
  }

  /** Adds both directions of a link. */
  public FixedTopology link(String a, int aPort, String b, int bPort, long bps) {
    Link l = new Link(new ConnectPoint(a, aPort), new ConnectPoint(b, bPort), bps);
    bySource.put(l.src(), l);
    bySource.put(l.dst(), l.reverse());
    return this;
  }

  /** Removes both directions of the link leaving a port; its ends were link ports a moment ago. */
  public void cut(ConnectPoint port) {
    Link l = bySource.remove(port);
    if (l != null) {
      bySource.remove(l.dst());
      cut.add(l.src());
      cut.add(l.dst());
    }
  }

  @Override
  public List<Link> links() {
    return List.copyOf(bySource.values());
  }

  @Override
  public Optional<Link> linkFrom(ConnectPoint source) {
    return Optional.ofNullable(bySource.get(source));
  }

  @Override
  public List<Link> egress(String device) {
    List<Link> out = new ArrayList<>();
    bySource
        .values()
        .forEach(
            l -> {
              if (l.src().device().equals(device)) {
                out.add(l);
              }
            });
    return out;
  }

  @Override
  public boolean isLinkPort(ConnectPoint port) {
    return bySource.containsKey(port);
  }

  @Override
  public boolean wasLinkPort(ConnectPoint port) {
    return cut.contains(port);
  }

  @Override
  public void assume(Collection<Link> links) {
    links.forEach(l -> bySource.putIfAbsent(l.src(), l));
  }

  @Override
  public double utilization(Link direction) {
    return -1;
  }

  @Override
  public void addListener(TopologyListener listener) {}
}
