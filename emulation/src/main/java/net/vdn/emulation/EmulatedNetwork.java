package net.vdn.emulation;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topology brought to life in this JVM: one softswitch per switch, each serving P4Runtime on its
 * own loopback port; virtual links between ports; emulated hosts on edge ports.
 */
public final class EmulatedNetwork implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmulatedNetwork.class);
  private static final int CPU_PORT = 255;
  private static final long HOST_PORT_BPS = 10_000_000_000L;

  private final Topology topology;
  private final Map<String, SoftswitchDevice> devices =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Integer> p4rtPorts = new LinkedHashMap<>();
  private final Map<String, Link> links = new HashMap<>();
  private final Map<String, EmulatedHost> hosts = new LinkedHashMap<>();
  private final Map<String, Consumer<byte[]>> attachments =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Ports joined to another network's switches ("switch:port" to b/s), kept across restarts. */
  private final Map<String, Long> borderPorts = new java.util.concurrent.ConcurrentHashMap<>();

  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("netemu-links").factory());

  private EmulatedNetwork(Topology topology) {
    this.topology = topology;
  }

  /**
   * Starts every switch; P4Runtime ports are {@code firstPort}, {@code firstPort + 1}, ... in the
   * topology's order, or free ports when {@code firstPort} is 0.
   */
  public static EmulatedNetwork start(Topology topology, int firstPort) throws IOException {
    EmulatedNetwork net = new EmulatedNetwork(topology);
    try {
      net.build(firstPort);
    } catch (IOException | RuntimeException e) {
      net.close();
      throw e;
    }
    return net;
  }

  private void build(int firstPort) throws IOException {
    int i = 0;
    for (Topology.Switch s : topology.switches()) {
      SoftswitchDevice d = newDevice(s);
      p4rtPorts.put(s.name(), d.serve("127.0.0.1", firstPort == 0 ? 0 : firstPort + i));
      i++;
    }
    for (Topology.Link l : topology.links()) {
      long bps = l.capacityMbps() * 1_000_000L;
      long latency = (long) (l.latencyMs() * 1_000_000);
      Link ab = new Link(bps, latency, clock, f -> devices.get(l.b()).receive(l.bPort(), f));
      Link ba = new Link(bps, latency, clock, f -> devices.get(l.a()).receive(l.aPort(), f));
      links.put(l.a() + ":" + l.aPort(), ab);
      links.put(l.b() + ":" + l.bPort(), ba);
      attachments.put(l.a() + ":" + l.aPort(), ab::send);
      attachments.put(l.b() + ":" + l.bPort(), ba::send);
    }
    for (Topology.Host h : topology.hosts()) {
      EmulatedHost host =
          new EmulatedHost(
              h.name(), h.mac(), h.ip(), f -> devices.get(h.switchName()).receive(h.port(), f));
      hosts.put(h.name(), host);
      attachments.put(h.switchName() + ":" + h.port(), host::receive);
    }
    for (Topology.Switch s : topology.switches()) {
      addPorts(s.name());
    }
    log.info(
        "emulated network: {} switches, {} links, {} hosts",
        devices.size(),
        topology.links().size(),
        hosts.size());
  }

  private SoftswitchDevice newDevice(Topology.Switch s) {
    SoftswitchDevice d = new SoftswitchDevice(s.deviceId(), CPU_PORT);
    devices.put(s.name(), d);
    d.onEgress(
        (port, frame) -> {
          Consumer<byte[]> to = attachments.get(s.name() + ":" + port);
          if (to != null) {
            to.accept(frame);
          }
        });
    return d;
  }

  /** Gives a switch its link and host ports, with the links' states. */
  private void addPorts(String name) {
    SoftswitchDevice d = devices.get(name);
    for (Topology.Link l : topology.links()) {
      long bps = l.capacityMbps() * 1_000_000L;
      if (l.a().equals(name)) {
        d.ports().add(l.aPort(), String.valueOf(l.aPort()), bps);
        d.ports().setLinkUp(l.aPort(), links.get(l.a() + ":" + l.aPort()).isUp());
      }
      if (l.b().equals(name)) {
        d.ports().add(l.bPort(), String.valueOf(l.bPort()), bps);
        d.ports().setLinkUp(l.bPort(), links.get(l.b() + ":" + l.bPort()).isUp());
      }
    }
    for (Topology.Host h : topology.hosts()) {
      if (h.switchName().equals(name)) {
        d.ports().add(h.port(), String.valueOf(h.port()), HOST_PORT_BPS);
      }
    }
    borderPorts.forEach(
        (at, bps) -> {
          int colon = at.lastIndexOf(':');
          if (at.substring(0, colon).equals(name)) {
            int port = Integer.parseInt(at.substring(colon + 1));
            d.ports().add(port, String.valueOf(port), bps);
            d.ports().setLinkUp(port, true);
          }
        });
  }

  /**
   * Joins a switch port of network {@code a} to a switch port of network {@code b} with a link of
   * the given capacity and latency, both ways: the border link between two domains, each network
   * run by its own controller.
   */
  public static void join(
      EmulatedNetwork a,
      String aSwitch,
      int aPort,
      EmulatedNetwork b,
      String bSwitch,
      int bPort,
      long capacityMbps,
      double latencyMs) {
    a.device(aSwitch);
    b.device(bSwitch);
    long bps = capacityMbps * 1_000_000L;
    long latency = (long) (latencyMs * 1_000_000);
    Link ab = new Link(bps, latency, a.clock, f -> b.devices.get(bSwitch).receive(bPort, f));
    Link ba = new Link(bps, latency, b.clock, f -> a.devices.get(aSwitch).receive(aPort, f));
    a.attach(aSwitch, aPort, ab, bps);
    b.attach(bSwitch, bPort, ba, bps);
    log.info("border link {}:{} <-> {}:{} ({} Mb/s)", aSwitch, aPort, bSwitch, bPort, capacityMbps);
  }

  private void attach(String switchName, int port, Link out, long bps) {
    String at = switchName + ":" + port;
    if (attachments.containsKey(at)) {
      throw new IllegalArgumentException(at + " is already connected");
    }
    links.put(at, out);
    attachments.put(at, out::send);
    borderPorts.put(at, bps);
    devices.get(switchName).ports().add(port, String.valueOf(port), bps);
    devices.get(switchName).ports().setLinkUp(port, true);
  }

  /**
   * Restarts one switch as a power cycle would: a fresh softswitch, with no pipeline and no
   * entries, serving on the same P4Runtime port, wired to the same links and hosts.
   */
  public synchronized void restart(String name) throws IOException {
    Topology.Switch s = topology.switchNamed(name);
    device(name).close();
    SoftswitchDevice d = newDevice(s);
    addPorts(name);
    d.serve("127.0.0.1", p4rtPorts.get(name));
    log.info("switch {} restarted", name);
  }

  public Topology topology() {
    return topology;
  }

  public SoftswitchDevice device(String name) {
    SoftswitchDevice d = devices.get(name);
    if (d == null) {
      throw new IllegalArgumentException("no switch named '" + name + "'");
    }
    return d;
  }

  /** The P4Runtime address of a switch ("127.0.0.1:port"). */
  public String p4runtimeAddress(String name) {
    device(name);
    return "127.0.0.1:" + p4rtPorts.get(name);
  }

  public EmulatedHost host(String name) {
    EmulatedHost h = hosts.get(name);
    if (h == null) {
      throw new IllegalArgumentException("no host named '" + name + "'");
    }
    return h;
  }

  /** Takes both directions of the link on this switch port down or up. */
  public void setLinkUp(String switchName, int port, boolean up) {
    for (Topology.Link l : topology.links()) {
      boolean here =
          (l.a().equals(switchName) && l.aPort() == port)
              || (l.b().equals(switchName) && l.bPort() == port);
      if (here) {
        links.get(l.a() + ":" + l.aPort()).setUp(up);
        links.get(l.b() + ":" + l.bPort()).setUp(up);
        devices.get(l.a()).ports().setLinkUp(l.aPort(), up);
        devices.get(l.b()).ports().setLinkUp(l.bPort(), up);
        log.info("link {}:{} <-> {}:{} {}", l.a(), l.aPort(), l.b(), l.bPort(), up ? "up" : "down");
        return;
      }
    }
    throw new IllegalArgumentException("no link on " + switchName + ":" + port);
  }

  /**
   * Shows every frame the given switch port sends into its link (a link of the topology or a border
   * link) to {@code tap}, as sent (null stops it): what a capture on the wire would see.
   */
  public void tap(String switchName, int port, Consumer<byte[]> tap) {
    Link l = links.get(switchName + ":" + port);
    if (l == null) {
      throw new IllegalArgumentException("no link on " + switchName + ":" + port);
    }
    l.tap(tap);
  }

  /** Frames a link direction dropped (down, or queue full), from the given switch port. */
  public long droppedFrom(String switchName, int port) {
    Link l = links.get(switchName + ":" + port);
    if (l == null) {
      throw new IllegalArgumentException("no link on " + switchName + ":" + port);
    }
    return l.dropped();
  }

  @Override
  public void close() {
    devices.values().forEach(SoftswitchDevice::close);
    clock.shutdownNow();
  }
}
