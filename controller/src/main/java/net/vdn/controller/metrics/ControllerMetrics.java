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
import net.vdn.controller.Controller;
import net.vdn.controller.device.ManagedDevice;
import net.vdn.controller.device.PortInfo;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.topology.Link;
import net.vdn.p4runtime.PacketIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's Prometheus metrics: devices by state, links, hosts, slices, per-slice bytes,
 * packets and drops (read from the devices' counters at scrape time), per-link utilization (from
 * gNMI counter samples), packet-ins by kind, and a histogram of slice programming latency.
 */
public final class ControllerMetrics {
  private static final Logger log = LoggerFactory.getLogger(ControllerMetrics.class);

  private final Controller controller;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer programming;
  private final Counter lldpIns;
  private final Counter arpIns;
  private final Counter otherIns;
  private final Map<String, SliceService.Stats> sliceStats = new HashMap<>();
  private final Map<String, List<Meter>> sliceMeters = new HashMap<>();
  private final Map<String, Double> linkUtil = new HashMap<>();
  private final Map<String, Meter> linkMeters = new HashMap<>();

  public ControllerMetrics(Controller controller) {
    this.controller = controller;
    for (ManagedDevice.State s : ManagedDevice.State.values()) {
      Gauge.builder(
              "vdn_devices",
              controller,
              c -> c.devices().all().stream().filter(d -> d.state() == s).count())
          .tag("state", s.name().toLowerCase())
          .description("Devices by state")
          .register(registry);
    }
    Gauge.builder("vdn_links", controller, c -> c.graph().links().size())
        .description("Discovered link directions")
        .register(registry);
    Gauge.builder("vdn_hosts", controller, c -> c.hosts().hosts().size())
        .description("Hosts learned from ARP")
        .register(registry);
    for (boolean degraded : List.of(false, true)) {
      Gauge.builder(
              "vdn_slices",
              controller,
              c ->
                  c.slices().list().stream()
                      .filter(x -> (x.degraded() != null) == degraded)
                      .count())
          .tag("status", degraded ? "degraded" : "active")
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

  private Counter packetIns(String kind) {
    return Counter.builder("vdn_packet_ins")
        .tag("kind", kind)
        .description("Packet-ins received from devices")
        .register(registry);
  }

  public void programmed(long nanos) {
    programming.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void packetIn(PacketIn in) {
    byte[] f = in.payload();
    int type = f.length >= 14 ? ((f[12] & 0xff) << 8) | (f[13] & 0xff) : -1;
    if (type == 0x8100 && f.length >= 18) {
      type = ((f[16] & 0xff) << 8) | (f[17] & 0xff);
    }
    (type == 0x88cc ? lldpIns : type == 0x0806 ? arpIns : otherIns).increment();
  }

  /** The metrics in Prometheus' text format, with per-slice and per-link values read now. */
  public synchronized String scrape() {
    refreshSlices();
    refreshLinks();
    return registry.scrape();
  }

  private void refreshSlices() {
    Set<String> present = new HashSet<>();
    controller.slices().list().forEach(s -> present.add(s.spec().name()));
    Map<String, SliceService.Stats> now = controller.slices().allStats();
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
    out.add(sliceCounter("vdn_slice_ingress_bytes", name, tags, SliceService.Stats::ingressBytes));
    out.add(
        sliceCounter("vdn_slice_ingress_packets", name, tags, SliceService.Stats::ingressPackets));
    out.add(sliceCounter("vdn_slice_egress_bytes", name, tags, SliceService.Stats::egressBytes));
    out.add(
        sliceCounter("vdn_slice_egress_packets", name, tags, SliceService.Stats::egressPackets));
    out.add(
        sliceCounter("vdn_slice_dropped_packets", name, tags, SliceService.Stats::droppedPackets));
    return out;
  }

  private Meter sliceCounter(
      String metric,
      String slice,
      Tags tags,
      java.util.function.ToLongFunction<SliceService.Stats> value) {
    return FunctionCounter.builder(
            metric,
            sliceStats,
            m -> {
              SliceService.Stats s = m.get(slice);
              return s == null ? 0 : value.applyAsLong(s);
            })
        .tags(tags)
        .register(registry);
  }

  private void refreshLinks() {
    Set<String> present = new HashSet<>();
    for (Link l : controller.graph().links()) {
      String key = l.src() + "->" + l.dst();
      present.add(key);
      linkUtil.put(key, utilization(l));
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

  /**
   * Share of a link direction's capacity its source port sent at over the last sample; -1 unknown.
   */
  public double utilization(Link l) {
    ManagedDevice d = controller.devices().get(l.src().device());
    PortInfo p = d == null ? null : d.port(l.src().port());
    if (p == null || p.outBps() < 0 || l.capacityBps() <= 0) {
      return -1;
    }
    return (double) p.outBps() / l.capacityBps();
  }
}
