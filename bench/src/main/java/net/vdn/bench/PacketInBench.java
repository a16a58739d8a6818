package net.vdn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.InboundPacket;
import net.vdn.controller.device.impl.DeviceEvents;
import net.vdn.controller.device.impl.DeviceManager;
import net.vdn.controller.host.impl.HostManager;
import net.vdn.controller.store.memory.MemoryStore;
import net.vdn.controller.topology.impl.Lldp;
import net.vdn.controller.topology.impl.TopologyManager;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;

/**
 * How many packet-ins (LLDP and ARP) the controller handles per second, two ways:
 *
 * <ul>
 *   <li><b>handlers</b>: the controller's packet-in handlers (link discovery and host learning)
 *       called in a loop on pre-built packet-ins, one thread: the controller's own cost;
 *   <li><b>end to end</b>: frames injected into a softswitch's port as fast as one thread can, the
 *       switch punting LLDP and copying ARP to the controller over the P4Runtime stream, counted
 *       where the controller's handlers run: what a switch and the controller sustain together on
 *       this machine, and what is lost when they cannot keep up.
 * </ul>
 *
 * <p>Usage: {@code PacketInBench [--packets N] [--rounds R]}.
 */
public final class PacketInBench {
  private PacketInBench() {}

  public static void main(String[] args) throws Exception {
    int packets = Integer.parseInt(PacketRateBench.arg(args, "--packets", "200000"));
    int rounds = Integer.parseInt(PacketRateBench.arg(args, "--rounds", "5"));
    List<byte[]> lldp = new ArrayList<>();
    List<byte[]> arp = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      lldp.add(Lldp.probe(new ConnectPoint("s" + (i % 8), 1 + i % 4)));
      arp.add(arpRequest(i));
    }
    double[] handlerLldp = new double[rounds];
    double[] handlerArp = new double[rounds];
    double[] e2eLldp = new double[rounds];
    double[] e2eArp = new double[rounds];
    long[] lost = new long[2];
    Topology one =
        new Topology(
            List.of(new Topology.Switch("s1", 1)),
            List.of(),
            List.of(new Topology.Host("h", "s1", 10, "00:00:00:00:00:01", "10.0.0.1")));
    Path dir = Files.createTempDirectory("vdn-bench");
    try (EmulatedNetwork net = EmulatedNetwork.start(one, 0);
        Controller c =
            Controller.start(
                ControllerOptions.defaults(dir.resolve("state.json"))
                    .withRest("127.0.0.1", 0)
                    .withDevices(List.of(DeviceConfig.p4("s1", net.p4runtimeAddress("s1"), 1))))) {
      AtomicLong handled = new AtomicLong();
      c.services()
          .devices()
          .addListener(
              new DeviceListener() {
                @Override
                public void packetIn(InboundPacket packet) {
                  handled.incrementAndGet();
                }
              });
      for (int r = 0; r < rounds; r++) {
        handlerLldp[r] = handlers(lldp, packets);
        handlerArp[r] = handlers(arp, packets);
        long[] l = endToEnd(net, handled, lldp, packets);
        e2eLldp[r] = l[0] / (l[1] / 1e9);
        lost[0] += packets - l[0];
        long[] a = endToEnd(net, handled, arp, packets);
        e2eArp[r] = a[0] / (a[1] / 1e9);
        lost[1] += packets - a[0];
        System.out.printf(
            Locale.ROOT,
            "round %d: handlers LLDP %.0f/s ARP %.0f/s; end to end LLDP %.0f/s (%d of %d)"
                + " ARP %.0f/s (%d of %d)%n",
            r + 1,
            handlerLldp[r],
            handlerArp[r],
            e2eLldp[r],
            l[0],
            packets,
            e2eArp[r],
            a[0],
            packets);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "SUMMARY packet-in handlers LLDP %.0f/s ARP %.0f/s | end to end (softswitch -> P4Runtime"
            + " stream -> controller) LLDP %.0f/s ARP %.0f/s, %d and %d lost of %d | medians of %d"
            + " rounds%n",
        median(handlerLldp),
        median(handlerArp),
        median(e2eLldp),
        median(e2eArp),
        lost[0],
        lost[1],
        (long) packets * rounds,
        rounds);
  }

  /**
   * The controller's packet-in handlers on their own (link discovery and host learning, behind the
   * device inventory's event dispatch, no device attached): packet-ins per second.
   */
  private static double handlers(List<byte[]> frames, int packets) {
    DeviceEvents events = new DeviceEvents();
    DeviceManager devices = new DeviceManager(List.of(), new MemoryStore(), events);
    try (TopologyManager topology = new TopologyManager(devices, Duration.ofHours(1))) {
      new HostManager(devices, topology).start();
      topology.start();
      List<InboundPacket> ins = new ArrayList<>();
      for (int i = 0; i < frames.size(); i++) {
        ins.add(new InboundPacket(new ConnectPoint("d" + (i & 7), 1 + i % 4), frames.get(i)));
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < packets; i++) {
        events.packetIn(ins.get(i % ins.size()));
      }
      long t = System.nanoTime() - t0;
      return packets / (t / 1e9);
    }
  }

  /** Injects frames into the switch; returns {handled, nanoseconds until the last was handled}. */
  private static long[] endToEnd(
      EmulatedNetwork net, AtomicLong handled, List<byte[]> frames, int packets)
      throws InterruptedException {
    var sw = net.device("s1");
    long start = handled.get();
    long t0 = System.nanoTime();
    for (int i = 0; i < packets; i++) {
      sw.receive(10, frames.get(i % frames.size()));
    }
    long last = handled.get();
    long lastChange = System.nanoTime();
    while (System.nanoTime() - lastChange < 500_000_000L && last - start < packets) {
      Thread.sleep(5);
      long now = handled.get();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
    }
    return new long[] {last - start, lastChange - t0};
  }

  private static byte[] arpRequest(int i) {
    byte[] f = new byte[42];
    Arrays.fill(f, 0, 6, (byte) 0xff);
    byte[] mac = {0, 0, 0, 1, (byte) (i >> 8), (byte) i};
    System.arraycopy(mac, 0, f, 6, 6);
    f[12] = 0x08;
    f[13] = 0x06;
    byte[] arp = {0, 1, 8, 0, 6, 4, 0, 1};
    System.arraycopy(arp, 0, f, 14, 8);
    System.arraycopy(mac, 0, f, 22, 6);
    f[28] = 10;
    f[29] = 1;
    f[30] = (byte) (i >> 8);
    f[31] = (byte) i;
    f[38] = 10;
    f[39] = 1;
    f[40] = 0;
    f[41] = (byte) 254;
    return f;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
