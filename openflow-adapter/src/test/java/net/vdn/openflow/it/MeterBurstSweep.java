package net.vdn.openflow.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.vdn.openflow.OpenFlowServer;
import net.vdn.openflow.OpenFlowSwitch;
import net.vdn.openflow.WriteResult;
import net.vdn.openflow.slice.OpenFlowDevice;
import net.vdn.pipeconf.rule.SliceRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures, asserts nothing: TCP goodput and UDP delivered through a slice's meter on Open vSwitch
 * (userspace datapath) for several committed rates and bursts, and what the switch makes of
 * two-rate meters. The bridges, trunk and slice are {@link OpenVSwitchTest}'s: slice 10 from h1
 * (A:1) to h3 (B:1), metered on both bridges. It runs only when asked, as root (about 8 minutes):
 *
 * <pre>
 * ./mvnw -B -pl openflow-adapter -am verify -Dtest=MeterBurstSweep \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dvdn.meterSweep=true
 * </pre>
 *
 * Other properties: {@code vdn.meterSweep.cirMbps} (default 10,100), {@code vdn.meterSweep.burstMs}
 * (50,100,200,250), {@code vdn.meterSweep.cc} (TCP congestion controls, cubic,bbr), {@code
 * vdn.meterSweep.rtoMinMs} (the sender's minimum retransmission timeout; the kernel's 200 ms when
 * absent), {@code vdn.meterSweep.twoRates} (false skips the two-rate part). The figures are logged
 * to target/surefire-reports/net.vdn.openflow.it.MeterBurstSweep-output.txt.
 */
@EnabledIfSystemProperty(named = "vdn.meterSweep", matches = "true")
class MeterBurstSweep {
  private static final Logger log = LoggerFactory.getLogger(MeterBurstSweep.class);
  private static final long DPID_A = 0x00000000000a0002L;
  private static final long DPID_B = 0x00000000000b0002L;
  private static final int SECONDS = 5;
  private static final int TCP_RUNS = 3;

  private Iperf3 iperf;
  private Ovs.Host h1;
  private Ovs.Host h3;

  @Test
  void sweep() throws Exception {
    Ovs.assumeAvailable();
    Iperf3.assumeAvailable();
    try (Ovs ovs = Ovs.start();
        OpenFlowServer server =
            OpenFlowServer.start(
                OpenFlowServer.Options.defaults().withBind("127.0.0.1", 0), sw -> {})) {
      String bridgeA = ovs.bridge(DPID_A, server.port());
      String bridgeB = ovs.bridge(DPID_B, server.port());
      OpenFlowSwitch swA = server.awaitSwitch(DPID_A, Duration.ofSeconds(30));
      OpenFlowSwitch swB = server.awaitSwitch(DPID_B, Duration.ofSeconds(30));
      h1 = ovs.host(bridgeA, 1, "10.78.0.1");
      h3 = ovs.host(bridgeB, 1, "10.78.0.3");
      ovs.link(bridgeA, OpenVSwitchTest.TRUNK, bridgeB, OpenVSwitchTest.TRUNK);
      OpenFlowDevice a = new OpenFlowDevice("A", swA);
      OpenFlowDevice b = new OpenFlowDevice("B", swB);
      List<SliceRule> rulesA = new ArrayList<>(OpenVSwitchTest.PUNTS);
      rulesA.addAll(OpenVSwitchTest.slice(10, h1.port(), h1.mac(), h3.mac()));
      List<SliceRule> rulesB = new ArrayList<>(OpenVSwitchTest.PUNTS);
      rulesB.addAll(OpenVSwitchTest.slice(10, h3.port(), h3.mac(), h1.mac()));
      a.install(rulesA);
      b.install(rulesB);
      iperf = new Iperf3(ovs);
      String rtoMin = System.getProperty("vdn.meterSweep.rtoMinMs");
      if (rtoMin != null) {
        // On the sender's subnet route; the kernel's default is 200 ms.
        ovs.inNamespace(
            h1.namespace(),
            "ip",
            "route",
            "change",
            "10.78.0.0/24",
            "dev",
            h1.ifname(),
            "proto",
            "kernel",
            "scope",
            "link",
            "src",
            h1.ip(),
            "rto_min",
            rtoMin + "ms");
      }
      log.info(
          "unmetered TCP: {} Mb/s; sender's minimum RTO: {} ms",
          String.format("%.1f", iperf.tcp(h1, h3, SECONDS).bitsPerSecond() / 1e6),
          rtoMin == null ? "200" : rtoMin);

      List<String> table = new ArrayList<>();
      table.add(
          "TCP   | CIR Mb/s | burst ms | TCP Mb/s (% of CIR) [runs] | UDP offered -> delivered");
      for (String cc : System.getProperty("vdn.meterSweep.cc", "cubic,bbr").split(",")) {
        for (long cirMbps : numbers("vdn.meterSweep.cirMbps", "10,100")) {
          for (long burstMs : numbers("vdn.meterSweep.burstMs", "50,100,200,250")) {
            long cir = cirMbps * 1_000_000 / 8;
            long burst = cir * burstMs / 1000;
            SliceRule.Meter meter = new SliceRule.Meter(10, cir, burst, cir, burst);
            a.install(List.of(meter));
            b.install(List.of(meter));
            String row =
                String.format("%5s | %8d | %8d | %s", cc, cirMbps, burstMs, row(cc, cirMbps));
            log.info("{}", row);
            table.add(row);
            a.remove(List.of(meter));
            b.remove(List.of(meter));
          }
        }
      }
      log.info(
          "meter sweep, median of {} TCP runs of {} s, UDP for {} s:\n{}",
          TCP_RUNS,
          SECONDS,
          SECONDS,
          String.join("\n", table));
      if (!"false".equals(System.getProperty("vdn.meterSweep.twoRates"))) {
        twoRates(a, b, swA);
      }
    }
  }

  /** TCP (median and every run) and UDP offered at 1.5 times the CIR, through the current meter. */
  private String row(String congestionControl, long cirMbps) throws Exception {
    List<Double> tcp = new ArrayList<>();
    for (int i = 0; i < TCP_RUNS; i++) {
      tcp.add(iperf.tcp(h1, h3, SECONDS, congestionControl).bitsPerSecond() / 1e6);
    }
    double median = tcp.stream().sorted().toList().get(TCP_RUNS / 2);
    double offered = 1.5 * cirMbps;
    Iperf3.Transfer udp = iperf.udp(h1, h3, (long) (offered * 1e6), SECONDS);
    return String.format(
        "%.1f (%.0f%%) %s | %.0f -> %.1f Mb/s (%.1f%% lost)",
        median,
        100 * median / cirMbps,
        tcp.stream().map(t -> String.format("%.1f", t)).toList(),
        offered,
        udp.bitsPerSecond() / 1e6,
        udp.lostPercent());
  }

  /** What Open vSwitch does with PIR > CIR: VDN's meter, then meters written by hand on A. */
  private void twoRates(OpenFlowDevice a, OpenFlowDevice b, OpenFlowSwitch swA) throws Exception {
    long cirMbps = 20;
    long cir = cirMbps * 1_000_000 / 8;
    long burst = cir / 4;
    SliceRule.Meter meter = new SliceRule.Meter(10, cir, burst, 2 * cir, 2 * burst);
    a.install(List.of(meter));
    b.install(List.of(meter));
    log.info("CIR 20, PIR 40 Mb/s as VDN writes it: {}", udp30And60());
    // From here on only A meters the slice.
    b.remove(List.of(meter));
    OFFactory of = swA.factory();
    long cirKbps = cirMbps * 1000;
    long burstKbits = burst * 8 / 1000;
    List<OFMeterBand> twoDrops =
        List.of(
            of.meterBands().drop(cirKbps, burstKbits),
            of.meterBands().drop(2 * cirKbps, 2 * burstKbits));
    log.info("drop bands at CIR 20 and PIR 40 Mb/s: {}; {}", modify(swA, twoDrops), udp30And60());
    List<OFMeterBand> peakOnly = List.of(of.meterBands().drop(2 * cirKbps, 2 * burstKbits));
    log.info("one drop band at PIR 40 Mb/s: {}; {}", modify(swA, peakOnly), udp30And60());
    List<OFMeterBand> remark =
        List.of(
            of.meterBands()
                .buildDscpRemark()
                .setRate(cirKbps)
                .setBurstSize(burstKbits)
                .setPrecLevel((short) 1)
                .build(),
            of.meterBands().drop(2 * cirKbps, 2 * burstKbits));
    log.info("DSCP remark band at CIR and drop band at PIR: {}", modify(swA, remark));
    a.reconcile();
    a.remove(List.of(meter));
  }

  private String udp30And60() throws Exception {
    return String.format(
        "UDP 30 -> %.1f Mb/s, 60 -> %.1f Mb/s",
        iperf.udp(h1, h3, 30_000_000, SECONDS).bitsPerSecond() / 1e6,
        iperf.udp(h1, h3, 60_000_000, SECONDS).bitsPerSecond() / 1e6);
  }

  /** Rewrites meter 10 on one switch by hand; says whether the switch took it. */
  private static String modify(OpenFlowSwitch sw, List<OFMeterBand> bands) throws Exception {
    WriteResult r =
        sw.write(
                List.of(
                    sw.factory()
                        .buildMeterMod()
                        .setCommand(OFMeterModCommand.MODIFY)
                        .setMeterId(10)
                        .setFlags(Set.of(OFMeterFlags.KBPS, OFMeterFlags.BURST, OFMeterFlags.STATS))
                        .setMeters(bands)
                        .build()))
            .get(10, TimeUnit.SECONDS);
    return r.allOk() ? "accepted" : "refused with " + r.firstError();
  }

  private static List<Long> numbers(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(String::strip)
        .map(Long::parseLong)
        .toList();
  }
}
