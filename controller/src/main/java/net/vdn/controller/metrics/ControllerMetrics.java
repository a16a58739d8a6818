package net.vdn.controller.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.vdn.controller.cluster.ClusterService;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.device.DeviceState;
import net.vdn.controller.device.InboundPacket;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.host.HostService;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.slice.SliceStatus;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.TopologyService;
import net.vdn.packet.EthernetHeader;

/**
 * The controller's Prometheus metrics: devices by state, links, hosts, slices, per-slice bytes,
 * packets and drops (read from the devices' counters at scrape time), per-link utilization (from
 * gNMI counter samples), packet-ins by kind, and a histogram of slice programming latency.
 */
public final class ControllerMetrics {
  private final DeviceService devices;
  private final TopologyService topology;
  private final SliceService slices;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer programming;
  private final Counter lldpIns;
  private final Counter arpIns;
  private final Counter otherIns;
  private final Map<String, SliceCounters> sliceStats = new HashMap<>();
  private final Map<String, List<Meter>> sliceMeters = new HashMap<>();
  private final Map<String, Double> linkUtil = new HashMap<>();
  private final Map<String, Meter> linkMeters = new HashMap<>();

  public ControllerMetrics(
      DeviceService devices, TopologyService topology, HostService hosts, SliceService slices) {
    this(devices, topology, hosts, slices, null);
  }

  /** Metrics with the cluster's: mastership changes seen, and the shared store's latency. */
  public ControllerMetrics(
      DeviceService devices,
      TopologyService topology,
      HostService hosts,
      SliceService slices,
      ClusterService cluster) {
    if (cluster != null) {
      io.micrometer.core.instrument.FunctionCounter.builder(
              "vdn_cluster_mastership_changes", cluster, c -> c.stats().mastershipChanges())
          .description("Changes of a device's master this controller saw")
          .register(registry);
      io.micrometer.core.instrument.FunctionTimer.builder(
              "vdn_store_requests",
              cluster,
              c -> c.stats().storeCalls(),
              c -> c.stats().storeSeconds(),
              java.util.concurrent.TimeUnit.SECONDS)
          .description("Calls to the cluster's shared store (etcd) and the time they took")
          .register(registry);
      Gauge.builder(
              "vdn_cluster_members_alive",
              cluster,
              c -> c.view().members().stream().filter(ClusterService.Member::alive).count())
          .description("Members of the cluster this controller takes for alive")
          .register(registry);
    }
    this.devices = devices;
    this.topology = topology;
    this.slices = slices;
    for (DeviceState s : DeviceState.values()) {
      Gauge.builder(
              "vdn_devices", devices, d -> d.devices().stream().filter(x -> x.state() == s).count())
          .tag("state", s.name().toLowerCase())
          .description("Devices by state")
          .register(registry);
    }
    Gauge.builder("vdn_links", topology, t -> t.links().size())
        .description("Discovered link directions")
        .register(registry);
    Gauge.builder("vdn_hosts", hosts, h -> h.hosts().size())
        .description("Hosts learned from ARP")
        .register(registry);
    for (SliceStatus status : SliceStatus.values()) {
      Gauge.builder(
              "vdn_slices",
              slices,
              s -> s.list().stream().filter(x -> x.status() == status).count())
          .tag("status", status.name().toLowerCase())
          .description("Slices by status")
          .register(registry);
    }
    programming =
        Timer.builder("vdn_slice_programming")
            .description("Time to program a slice on every device of its path, until acknowledged")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    lldpIns = packetIns("lldp");
    arpIns = packetIns("arp");
    otherIns = packetIns("other");
  }

  /** Follows packet-ins and slice programming. */
  public void start() {
    devices.addListener(
        new DeviceListener() {
          @Override
          public void packetIn(InboundPacket packet) {
            count(packet);
          }
        });
    slices.addListener(
        e -> {
          if (e.programmingNanos() > 0) {
            programming.record(e.programmingNanos(), TimeUnit.NANOSECONDS);
          }
        });
  }

  private Counter packetIns(String kind) {
    return Counter.builder("vdn_packet_ins")
        .tag("kind", kind)
        .description("Packet-ins received from devices")
        .register(registry);
  }

  private void count(InboundPacket packet) {
    int type = EthernetHeader.etherType(packet.frame());
    (type == EthernetHeader.TYPE_LLDP
            ? lldpIns
            : type == EthernetHeader.TYPE_ARP ? arpIns : otherIns)
        .increment();
  }

  /** The metrics in Prometheus' text format, with per-slice and per-link values read now. */
  public synchronized String scrape() {
    refreshSlices();
    refreshLinks();
    return registry.scrape();
  }

  private void refreshSlices() {
    Set<String> present = new HashSet<>();
    slices.list().forEach(s -> present.add(s.name()));
    Map<String, SliceCounters> now = slices.allCounters();
    sliceStats.putAll(now);
    now.keySet().forEach(name -> sliceMeters.computeIfAbsent(name, this::registerSlice));
    for (String gone : new ArrayList<>(sliceMeters.keySet())) {
      if (!present.contains(gone)) {
        sliceMeters.remove(gone).forEach(registry::remove);
        sliceStats.remove(gone);
      }
    }
  }

  private List<Meter> registerSlice(String name) {
    Tags tags = Tags.of("slice", name);
    List<Meter> out = new ArrayList<>();
    out.add(sliceCounter("vdn_slice_ingress_bytes", name, tags, SliceCounters::ingressBytes));
    out.add(sliceCounter("vdn_slice_ingress_packets", name, tags, SliceCounters::ingressPackets));
    out.add(sliceCounter("vdn_slice_egress_bytes", name, tags, SliceCounters::egressBytes));
    out.add(sliceCounter("vdn_slice_egress_packets", name, tags, SliceCounters::egressPackets));
    out.add(sliceCounter("vdn_slice_dropped_packets", name, tags, SliceCounters::droppedPackets));
    return out;
  }

  private Meter sliceCounter(
      String metric,
      String slice,
      Tags tags,
      java.util.function.ToLongFunction<SliceCounters> value) {
    return FunctionCounter.builder(
            metric,
            sliceStats,
            m -> {
              SliceCounters s = m.get(slice);
              return s == null ? 0 : value.applyAsLong(s);
            })
        .tags(tags)
        .register(registry);
  }

  private void refreshLinks() {
    Set<String> present = new HashSet<>();
    for (Link l : topology.links()) {
      String key = l.src() + "->" + l.dst();
      present.add(key);
      linkUtil.put(key, topology.utilization(l));
      linkMeters.computeIfAbsent(
          key,
          k ->
              Gauge.builder("vdn_link_utilization", linkUtil, m -> m.getOrDefault(k, 0.0))
                  .tag("link", k)
                  .description("Share of the link direction's capacity used (gNMI counter samples)")
                  .register(registry));
    }
    for (String gone : new ArrayList<>(linkMeters.keySet())) {
      if (!present.contains(gone)) {
        registry.remove(linkMeters.remove(gone));
        linkUtil.remove(gone);
      }
    }
  }
}
