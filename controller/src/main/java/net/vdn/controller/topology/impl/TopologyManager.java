package net.vdn.controller.topology.impl;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.device.InboundPacket;
import net.vdn.controller.device.Port;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.LinkStore;
import net.vdn.controller.topology.TopologyListener;
import net.vdn.controller.topology.TopologyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology: every discovery interval an LLDP probe leaves every live port of every available
 * device (through the device inventory, whatever the device speaks); probes that come back are
 * links; links not seen for 3.5 intervals age out, and a port going down takes its link down at
 * once (both directions). Link events are delivered on the topology's own thread.
 */
public final class TopologyManager implements TopologyService, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopologyManager.class);

  private final DeviceService devices;
  private final LinkStore shared;
  private final Duration interval;
  private final Duration linkPortMemory;
  private final TopologyGraph graph = new TopologyGraph();
  private final LinkDiscovery discovery;
  private final Map<ConnectPoint, Long> linkEnded = new ConcurrentHashMap<>();
  private final List<TopologyListener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService events =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-topology").factory());

  /**
   * @param interval how often every port is probed; links age out after 3.5 intervals
   */
  public TopologyManager(DeviceService devices, Duration interval) {
    this(devices, interval, LinkStore.LOCAL);
  }

  /**
   * A topology shared with the other controllers of a cluster: links found here are put in {@code
   * shared}, links the others found are taken from it, and a link is aged only by a controller that
   * does not hold its destination device as backup (its master probes and hears it).
   */
  public TopologyManager(DeviceService devices, Duration interval, LinkStore shared) {
    this.devices = devices;
    this.shared = shared;
    this.interval = interval;
    // A port keeps the distrust of a link port for a while after its link went away: long enough
    // for a restarted switch's links to be found again.
    this.linkPortMemory = max(Duration.ofSeconds(30), interval.multipliedBy(10));
    this.discovery = new LinkDiscovery(graph, this::capacityOf);
  }

  /** Follows the devices' packets and ports, and starts probing. */
  public void start() {
    devices.addListener(
        new DeviceListener() {
          @Override
          public void packetIn(InboundPacket packet) {
            onPacketIn(packet);
          }

          @Override
          public void portChanged(String device, Port before, Port after) {
            if (!after.live()) {
              ConnectPoint port = new ConnectPoint(device, after.number());
              events.execute(() -> portDown(port));
            }
          }
        });
    events.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    shared.addListener(
        new LinkStore.Listener() {
          @Override
          public void added(Link link) {
            events.execute(() -> sharedLinkAdded(link));
          }

          @Override
          public void removed(Link link) {
            events.execute(() -> remove(link, "gone from the cluster's topology"));
          }
        });
  }

  private void sharedLinkAdded(Link link) {
    Link before = graph.add(link);
    if (!link.equals(before)) {
      log.info("link {} found by the cluster ({} b/s)", link, link.capacityBps());
      listeners.forEach(l -> l.linkAdded(link));
    }
  }

  private void share(Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      log.warn("topology not shared: {}", e.getMessage());
    }
  }

  /**
   * Whether this controller ages a link. Alone, it ages every link but those of devices another
   * controller holds. In a cluster, only the controller that masters the link's destination ages it
   * (the probes come back to it alone); a dead switch's links go with their other direction, aged
   * by its neighbour's master.
   */
  private boolean agesHere(Link l) {
    var state = devices.device(l.dst().device()).map(Device::state).orElse(null);
    if (shared == LinkStore.LOCAL) {
      return state != net.vdn.controller.device.DeviceState.BACKUP;
    }
    return state == net.vdn.controller.device.DeviceState.AVAILABLE
        && shared.probed(l.src().device());
  }

  @Override
  public List<Link> links() {
    return List.copyOf(graph.links());
  }

  @Override
  public Optional<Link> linkFrom(ConnectPoint source) {
    return Optional.ofNullable(graph.from(source));
  }

  @Override
  public List<Link> egress(String device) {
    return graph.egress(device);
  }

  @Override
  public boolean isLinkPort(ConnectPoint port) {
    return graph.isLinkPort(port);
  }

  @Override
  public boolean wasLinkPort(ConnectPoint port) {
    Long ended = linkEnded.get(port);
    return ended != null && System.nanoTime() - ended < linkPortMemory.toNanos();
  }

  @Override
  public void assume(Collection<Link> links) {
    for (Link l : links) {
      if (graph.from(l.src()) == null) {
        graph.add(l);
      }
    }
  }

  @Override
  public double utilization(Link direction) {
    Port p = devices.port(direction.src()).orElse(null);
    if (p == null || p.outBps() < 0 || direction.capacityBps() <= 0) {
      return -1;
    }
    return (double) p.outBps() / direction.capacityBps();
  }

  @Override
  public void addListener(TopologyListener listener) {
    listeners.add(listener);
  }

  private void onPacketIn(InboundPacket packet) {
    discovery
        .probeReceived(packet.receivedFrom(), packet.frame())
        // A probe from a device this controller does not know (another domain's switch across a
        // border link) reveals no link of this network.
        .filter(link -> devices.knows(link.src().device()))
        .ifPresent(
            link -> {
              Link before = graph.add(link);
              if (!link.equals(before)) {
                log.info("link {} discovered ({} b/s)", link, link.capacityBps());
                events.execute(
                    () -> {
                      share(() -> shared.put(link));
                      listeners.forEach(l -> l.linkAdded(link));
                    });
              }
            });
  }

  /** One discovery round: probe every live port of every available device, then age links out. */
  private void round() {
    try {
      for (Device d : devices.devices()) {
        if (!d.available()) {
          continue;
        }
        for (Port p : devices.ports(d.name()).values()) {
          if (p.live()) {
            ConnectPoint at = new ConnectPoint(d.name(), p.number());
            devices.packetOut(at, Lldp.probe(at));
          }
        }
      }
      long maxAge = interval.toNanos() * 7 / 2;
      for (Link l : discovery.expired(maxAge, this::agesHere)) {
        remove(l, "no probe came back for " + maxAge / 1_000_000 + " ms");
      }
    } catch (RuntimeException e) {
      log.warn("discovery round failed: {}", e.getMessage());
    }
  }

  private void portDown(ConnectPoint port) {
    for (Link l : graph.links()) {
      if (l.src().equals(port) || l.dst().equals(port)) {
        remove(l, "port " + port + " went down");
      }
    }
  }

  /** Removes a link, both directions, and tells the listeners once. */
  private void remove(Link link, String why) {
    Link there = graph.remove(link.src());
    Link back = graph.remove(link.dst());
    if (there == null && back == null) {
      return;
    }
    long now = System.nanoTime();
    linkEnded.put(link.src(), now);
    linkEnded.put(link.dst(), now);
    discovery.forget(link);
    discovery.forget(link.reverse());
    share(() -> shared.remove(link));
    share(() -> shared.remove(link.reverse()));
    log.info("link {} is down: {}", link, why);
    for (TopologyListener l : listeners) {
      try {
        l.linkRemoved(link, why);
      } catch (RuntimeException e) {
        log.warn("topology listener failed on link {} down: {}", link, e.toString());
      }
    }
  }

  private long capacityOf(ConnectPoint port) {
    Optional<Port> p = devices.port(port);
    if (p.isPresent() && p.get().speedBps() > 0) {
      return p.get().speedBps();
    }
    return devices
        .device(port.device())
        .map(Device::config)
        .map(DeviceConfig::speedOrDefault)
        .orElse(DeviceConfig.DEFAULT_PORT_SPEED_BPS);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public void close() {
    events.shutdownNow();
  }
}
