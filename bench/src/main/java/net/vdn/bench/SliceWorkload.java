package net.vdn.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.MeterConfig;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.Replica;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.packet.MacAddress;

/**
 * A slicing switch with one trunk port (1) and three edge ports (2, 3, 4) carrying several slices,
 * its entries (by name, as a controller writes them) and a trace of 100-byte frames.
 *
 * <p>Slice {@code k} has id {@code 100 + k} (its VLAN on the trunk), two edge ports {@code e1 = 2 +
 * k % 3} and {@code e2 = 2 + (k + 1) % 3}, hosts {@code 02:00:00:00:kk:01} behind the trunk, {@code
 * :02} on e1 and {@code :03} on e2, subnets 10.k.1.0/24 (e1), 10.k.2.0/24 (e2) and 10.k.200.0/24
 * (behind the trunk). On edge ports frames are classified by IPv4 source prefix (10.k.0.0/16) and
 * protocol, on the trunk by VLAN id.
 */
final class SliceWorkload {
  static final int TRUNK = 1;
  static final int FRAME_BYTES = 100;
  static final String ROUTER_MAC = "02:00:00:00:ff:01";

  /** What a frame exercises; the mix is the percentages below. */
  enum Kind {
    /** Tagged from the trunk, bridged to an edge host (tag popped): 35%. */
    TRUNK_L2(35),
    /** Untagged from an edge port, bridged to the trunk (tag pushed) or the other edge: 25%. */
    EDGE_L2(25),
    /** To the router MAC, routed (MAC rewrite, TTL decrement, checksum update): 35%. */
    ROUTED(35),
    /** Broadcast from an edge port, flooded in the slice (two copies): 5%. */
    FLOODED(5);

    final int percent;

    Kind(int percent) {
      this.percent = percent;
    }
  }

  /** One frame of the trace: the port it arrives on and its bytes. */
  record Frame(int port, byte[] bytes, Kind kind) {}

  private final int slices;

  SliceWorkload(int slices) {
    if (slices < 1 || slices > 200) {
      throw new IllegalArgumentException("slices must be 1..200");
    }
    this.slices = slices;
  }

  int slices() {
    return slices;
  }

  static int sliceId(int k) {
    return 100 + k;
  }

  static int edge1(int k) {
    return 2 + k % 3;
  }

  static int edge2(int k) {
    return 2 + (k + 1) % 3;
  }

  static String hostMac(int k, int host) {
    return new MacAddress(0x02_00_00_00_00_00L | (long) k << 8 | host).toString();
  }

  /** Every entry, group and meter cell, in an order a target accepts. */
  List<Update> updates() {
    List<Update> u = new ArrayList<>();
    for (int k = 0; k < slices; k++) {
      int s = sliceId(k);
      int tc = k % 8;
      int e1 = edge1(k);
      int e2 = edge2(k);
      u.add(
          Update.insert(
              TableEntry.in("slice_classifier")
                  .exact("ingress_port", TRUNK)
                  .ternary("vlan_valid", Value.of(1), Value.of(1))
                  .ternary("vlan_id", Value.of(s), Value.of(0xfff))
                  .priority(10)
                  .action("set_slice", "slice_id", s, "tc", tc)
                  .build()));
      for (int e : new int[] {e1, e2}) {
        u.add(
            Update.insert(
                TableEntry.in("slice_classifier")
                    .exact("ingress_port", e)
                    .ternary("vlan_valid", Value.of(0), Value.of(1))
                    .ternary("ipv4_src", Value.ip("10." + k + ".0.0"), Value.ip("255.255.0.0"))
                    .ternary("ip_proto", Value.of(17), Value.of(0xff))
                    .priority(20)
                    .action("set_slice", "slice_id", s, "tc", tc)
                    .build()));
      }
      int[] hostPorts = {TRUNK, e1, e2};
      for (int h = 1; h <= 3; h++) {
        u.add(
            Update.insert(
                TableEntry.in("slice_fwd_l2")
                    .exact("slice_id", s)
                    .exact("eth_dst", Value.mac(hostMac(k, h)))
                    .action("fwd", "port", hostPorts[h - 1])
                    .build()));
      }
      String[] subnets = {"10." + k + ".200.0", "10." + k + ".1.0", "10." + k + ".2.0"};
      for (int h = 1; h <= 3; h++) {
        u.add(
            Update.insert(
                TableEntry.in("slice_fwd_l3")
                    .exact("slice_id", s)
                    .lpm("ipv4_dst", Value.ip(subnets[h - 1]), 24)
                    .action(
                        "route",
                        "port",
                        hostPorts[h - 1],
                        "src_mac",
                        Value.mac(ROUTER_MAC),
                        "dst_mac",
                        Value.mac(hostMac(k, h)))
                    .build()));
      }
      u.add(
          Update.insert(
              new MulticastGroup(
                  s, List.of(new Replica(TRUNK, 1), new Replica(e1, 1), new Replica(e2, 1)))));
      u.add(
          Update.insert(
              TableEntry.in("slice_flood")
                  .exact("slice_id", s)
                  .action("flood", "group", s)
                  .build()));
      u.add(
          Update.insert(
              TableEntry.in("egress_vlan")
                  .exact("egress_port", TRUNK)
                  .exact("slice_id", s)
                  .action("push_tag")
                  .build()));
      for (int e : new int[] {e1, e2}) {
        u.add(
            Update.insert(
                TableEntry.in("egress_vlan")
                    .exact("egress_port", e)
                    .exact("slice_id", s)
                    .action("pop_tag")
                    .build()));
      }
      // 10 GB/s committed and peak, 4 MB bursts: far above the trace's rate, so frames stay green.
      u.add(
          Update.modify(
              new MeterEntry(
                  "slice_meter",
                  s,
                  MeterConfig.twoRate(10_000_000_000L, 4_000_000, 10_000_000_000L, 4_000_000))));
    }
    return u;
  }

  /** {@code n} frames of the mix, slices chosen uniformly, reproducible from the seed. */
  List<Frame> trace(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Frame> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = rnd.nextInt(slices);
      int pick = rnd.nextInt(100);
      Kind kind = Kind.FLOODED;
      for (Kind c : Kind.values()) {
        if (pick < c.percent) {
          kind = c;
          break;
        }
        pick -= c.percent;
      }
      int host = 1 + rnd.nextInt(250);
      int sport = 1024 + rnd.nextInt(60000);
      int dport = 1024 + rnd.nextInt(60000);
      boolean toE2 = rnd.nextBoolean();
      out.add(
          switch (kind) {
            case TRUNK_L2 ->
                new Frame(
                    TRUNK,
                    frame(
                        hostMac(k, toE2 ? 3 : 2),
                        hostMac(k, 1),
                        sliceId(k),
                        ip(10, k, 200, host),
                        ip(10, k, toE2 ? 2 : 1, host),
                        sport,
                        dport),
                    kind);
            case EDGE_L2 ->
                new Frame(
                    edge1(k),
                    frame(
                        hostMac(k, toE2 ? 3 : 1),
                        hostMac(k, 2),
                        -1,
                        ip(10, k, 1, host),
                        ip(10, k, toE2 ? 2 : 200, host),
                        sport,
                        dport),
                    kind);
            case ROUTED ->
                new Frame(
                    edge1(k),
                    frame(
                        ROUTER_MAC,
                        hostMac(k, 2),
                        -1,
                        ip(10, k, 1, host),
                        ip(10, k, toE2 ? 2 : 200, host),
                        sport,
                        dport),
                    kind);
            case FLOODED ->
                new Frame(
                    edge1(k),
                    frame(
                        "ff:ff:ff:ff:ff:ff",
                        hostMac(k, 2),
                        -1,
                        ip(10, k, 1, host),
                        ip(10, k, 255, 255),
                        sport,
                        dport),
                    kind);
          });
    }
    return out;
  }

  private static int ip(int a, int b, int c, int d) {
    return a << 24 | b << 16 | c << 8 | d;
  }

  /** A 100-byte Ethernet (optionally 802.1Q, vlan >= 0) / IPv4 / UDP frame. */
  static byte[] frame(
      String dst, String src, int vlan, int srcIp, int dstIp, int sport, int dport) {
    ByteBuffer b = ByteBuffer.allocate(FRAME_BYTES);
    b.put(MacAddress.parse(dst).bytes()).put(MacAddress.parse(src).bytes());
    if (vlan >= 0) {
      b.putShort((short) 0x8100).putShort((short) vlan);
    }
    b.putShort((short) 0x0800);
    int ipStart = b.position();
    int ipLength = FRAME_BYTES - ipStart;
    b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0x1234);
    b.putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0);
    b.putInt(srcIp).putInt(dstIp);
    int sum = 0;
    for (int i = ipStart; i < ipStart + 20; i += 2) {
      sum += ((b.get(i) & 0xff) << 8) | (b.get(i + 1) & 0xff);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    b.putShort(ipStart + 10, (short) ~sum);
    b.putShort((short) sport).putShort((short) dport).putShort((short) (ipLength - 20));
    b.putShort((short) 0);
    return b.array();
  }
}
