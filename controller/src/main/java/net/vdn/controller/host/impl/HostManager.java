package net.vdn.controller.host.impl;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.device.InboundPacket;
import net.vdn.controller.host.Host;
import net.vdn.controller.host.HostService;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyListener;
import net.vdn.controller.topology.TopologyService;
import net.vdn.packet.ArpPacket;
import net.vdn.packet.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns hosts from ARP packet-ins: the sender's MAC and IPv4 address, at the port the frame came
 * in on. Only edge ports are trusted: a frame that came in on a link port, or on a port that was a
 * link port within the topology's aging window (a restarted neighbour's link not found again yet),
 * carries someone else's host and never places or moves one. A host seen at another edge port has
 * moved; the move is logged with both locations. A host whose port turns out to be a link port is
 * forgotten.
 */
public final class HostManager implements HostService {
  private static final Logger log = LoggerFactory.getLogger(HostManager.class);
  private final DeviceService devices;
  private final TopologyService topology;
  private final Map<MacAddress, Host> byMac = new ConcurrentHashMap<>();

  public HostManager(DeviceService devices, TopologyService topology) {
    this.devices = devices;
    this.topology = topology;
  }

  /** Follows the devices' packet-ins and the links that appear. */
  public void start() {
    devices.addListener(
        new DeviceListener() {
          @Override
          public void packetIn(InboundPacket packet) {
            learn(packet);
          }
        });
    topology.addListener(
        new TopologyListener() {
          @Override
          public void linkAdded(Link link) {
            forgetAt(link.src());
            forgetAt(link.dst());
          }
        });
  }

  /** Learns from one packet; returns the host it placed or moved, else empty. */
  public Optional<Host> learn(InboundPacket packet) {
    Optional<ArpPacket> arp = ArpPacket.parse(packet.frame());
    if (arp.isEmpty()) {
      return Optional.empty();
    }
    ConnectPoint where = packet.receivedFrom();
    if (topology.isLinkPort(where) || topology.wasLinkPort(where)) {
      return Optional.empty();
    }
    Host host = new Host(arp.get().senderMac(), arp.get().senderIp(), where);
    Host before = byMac.put(host.mac(), host);
    if (host.equals(before)) {
      return Optional.empty();
    }
    if (before == null) {
      log.info("host {} ({}) at {}", host.mac(), host.ip(), where);
    } else {
      log.info("host {} ({}) moved from {} to {}", host.mac(), host.ip(), before.location(), where);
    }
    return Optional.of(host);
  }

  private void forgetAt(ConnectPoint port) {
    byMac
        .values()
        .removeIf(
            h -> {
              boolean here = h.location().equals(port);
              if (here) {
                log.info("host {} ({}) forgotten: {} is a link port", h.mac(), h.ip(), port);
              }
              return here;
            });
  }

  @Override
  public List<Host> hosts() {
    return byMac.values().stream().sorted(Comparator.comparing(Host::ip)).toList();
  }

  @Override
  public Optional<Host> host(MacAddress mac) {
    return Optional.ofNullable(byMac.get(mac));
  }
}
