package net.vdn.emulation;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.vdn.packet.Ipv4Address;
import net.vdn.packet.MacAddress;

/**
 * A host on a switch port: it answers ARP for its address and ICMP echo, pings, and sends and
 * receives UDP streams at a set rate, reporting what arrived (packets, bytes, loss, rate).
 */
public final class EmulatedHost {
  private final String name;
  private final byte[] mac;
  private final int ip;
  private final Consumer<byte[]> transmit;
  private final Map<Integer, byte[]> neighbors = new ConcurrentHashMap<>();
  private final Map<Integer, CountDownLatch> pendingArp = new ConcurrentHashMap<>();
  private final Map<Integer, CountDownLatch> pendingEcho = new ConcurrentHashMap<>();
  private final Map<Integer, UdpReceiver> receivers = new ConcurrentHashMap<>();
  private int echoSeq;
  private volatile Integer vlan;

  EmulatedHost(String name, String mac, String ip, Consumer<byte[]> transmit) {
    this.name = name;
    this.mac = MacAddress.parse(mac).bytes();
    this.ip = Ipv4Address.parse(ip).value();
    this.transmit = transmit;
  }

  /**
   * Puts the host on an 802.1Q VLAN, as a VLAN interface does: everything it sends is tagged with
   * {@code vid}, and it takes in only frames tagged so (untagged ones are ignored). Null: untagged
   * again.
   */
  public void useVlan(Integer vid) {
    if (vid != null && (vid < 1 || vid > 4094)) {
      throw new IllegalArgumentException("VLAN id outside 1..4094: " + vid);
    }
    this.vlan = vid;
  }

  /** Sends a frame, tagged when the host is on a VLAN. */
  private void out(byte[] frame) {
    Integer vid = vlan;
    transmit.accept(vid == null ? frame : tag(frame, vid));
  }

  private static byte[] tag(byte[] untagged, int vid) {
    byte[] tagged = new byte[untagged.length + 4];
    System.arraycopy(untagged, 0, tagged, 0, 12);
    tagged[12] = (byte) 0x81;
    tagged[13] = 0x00;
    tagged[14] = (byte) (vid >> 8);
    tagged[15] = (byte) vid;
    System.arraycopy(untagged, 12, tagged, 16, untagged.length - 12);
    return tagged;
  }

  public String name() {
    return name;
  }

  public String ip() {
    return new Ipv4Address(ip).toString();
  }

  /** Handles a frame that reached the host; anything it does not understand is ignored. */
  void receive(byte[] frame) {
    if (frame.length < 14) {
      return;
    }
    byte[] f = frame;
    Integer vid = vlan;
    if (vid != null) {
      // On a VLAN: only frames tagged with it, seen without their tag.
      if (frame.length < 18
          || Frames.u16(frame, 12) != 0x8100
          || (Frames.u16(frame, 14) & 0x0fff) != vid) {
        return;
      }
      f = new byte[frame.length - 4];
      System.arraycopy(frame, 0, f, 0, 12);
      System.arraycopy(frame, 16, f, 12, frame.length - 16);
    }
    boolean forMe = Arrays.equals(f, 0, 6, mac, 0, 6) || (f[0] & 0xff) == 0xff;
    int type = Frames.u16(f, 12);
    if (type == Frames.ETH_ARP && f.length >= 42) {
      int op = Frames.u16(f, 20);
      int senderIp = Frames.u32(f, 28);
      byte[] senderMac = Arrays.copyOfRange(f, 22, 28);
      int targetIp = Frames.u32(f, 38);
      if (targetIp == ip) {
        neighbors.put(senderIp, senderMac);
        if (op == 1) {
          out(Frames.arp(2, mac, ip, senderMac, senderIp));
        } else {
          CountDownLatch l = pendingArp.remove(senderIp);
          if (l != null) {
            l.countDown();
          }
        }
      }
      return;
    }
    if (!forMe || type != Frames.ETH_IPV4 || f.length < 34 || Frames.u32(f, 30) != ip) {
      return;
    }
    int ihl = (f[14] & 0x0f) * 4;
    int l4 = 14 + ihl;
    int proto = f[23] & 0xff;
    int src = Frames.u32(f, 26);
    if (proto == Frames.PROTO_ICMP && f.length >= l4 + 8) {
      int total = Frames.u16(f, 16);
      byte[] data = Arrays.copyOfRange(f, l4 + 8, Math.min(f.length, 14 + total));
      int id = Frames.u16(f, l4 + 4);
      int seq = Frames.u16(f, l4 + 6);
      if (f[l4] == 8) {
        byte[] reply = Frames.icmpEcho(0, id, seq, data);
        out(Frames.ipv4(Arrays.copyOfRange(f, 6, 12), mac, ip, src, Frames.PROTO_ICMP, reply));
      } else if (f[l4] == 0) {
        CountDownLatch l = pendingEcho.remove(seq);
        if (l != null) {
          l.countDown();
        }
      }
    } else if (proto == Frames.PROTO_UDP && f.length >= l4 + 8 + 8) {
      UdpReceiver r = receivers.get(Frames.u16(f, l4 + 2));
      if (r != null) {
        r.record(ByteBuffer.wrap(f, l4 + 8, 8).getLong(), Frames.u16(f, l4 + 4) - 8);
      }
    }
  }

  /** Resolves an address with ARP (or from what the host already learned). */
  public byte[] resolve(String address, Duration timeout) throws InterruptedException {
    int target = Ipv4Address.parse(address).value();
    byte[] known = neighbors.get(target);
    if (known != null) {
      return known;
    }
    CountDownLatch l = pendingArp.computeIfAbsent(target, k -> new CountDownLatch(1));
    out(Frames.arp(1, mac, ip, null, target));
    l.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return neighbors.get(target);
  }

  /** Teaches the host a neighbor's MAC, as a static ARP entry would. */
  public void addNeighbor(String address, String neighborMac) {
    neighbors.put(Ipv4Address.parse(address).value(), MacAddress.parse(neighborMac).bytes());
  }

  /** Sends one echo request; returns the round-trip time, or null when no reply came in time. */
  public Duration ping(String address, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    byte[] dst = resolve(address, timeout);
    if (dst == null) {
      return null;
    }
    int seq;
    synchronized (this) {
      seq = ++echoSeq & 0xffff;
    }
    CountDownLatch l = new CountDownLatch(1);
    pendingEcho.put(seq, l);
    long sent = System.nanoTime();
    out(
        Frames.ipv4(
            dst,
            mac,
            ip,
            Ipv4Address.parse(address).value(),
            Frames.PROTO_ICMP,
            Frames.icmpEcho(8, 0x7664, seq, new byte[32])));
    long left = timeout.toNanos() - (sent - start);
    if (!l.await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
      pendingEcho.remove(seq);
      return null;
    }
    return Duration.ofNanos(System.nanoTime() - sent);
  }

  /** Starts counting UDP datagrams that arrive on a port. */
  public UdpReceiver listen(int port) {
    return receivers.computeIfAbsent(port, p -> new UdpReceiver());
  }

  /**
   * Sends a UDP stream at a rate (bits per second of UDP payload) for a duration, on the calling
   * thread; each datagram carries its sequence number. Returns the datagrams sent.
   */
  public long sendUdp(
      String address, int port, long bitsPerSecond, int payloadBytes, Duration duration)
      throws InterruptedException {
    byte[] dst = resolve(address, Duration.ofSeconds(2));
    if (dst == null) {
      throw new IllegalStateException(name + ": cannot resolve " + address);
    }
    int payload = Math.max(8, payloadBytes);
    long interval = payload * 8L * 1_000_000_000L / bitsPerSecond;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long seq = 0;
    int target = Ipv4Address.parse(address).value();
    while (System.nanoTime() < end) {
      long due = start + seq * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      byte[] data = new byte[payload];
      ByteBuffer.wrap(data).putLong(seq);
      out(Frames.ipv4(dst, mac, ip, target, Frames.PROTO_UDP, Frames.udp(40000, port, data)));
      seq++;
    }
    return seq;
  }

  /**
   * Sends one UDP datagram inside an 802.1Q tag, to a MAC of the caller's choice: what a host does
   * when it tries to inject frames into another slice's VLAN.
   */
  public void sendTaggedUdp(String dstMac, String address, int port, int vlanId, byte[] payload) {
    if (vlanId < 0 || vlanId > 4095) {
      throw new IllegalArgumentException("VLAN id outside 0..4095: " + vlanId);
    }
    byte[] untagged =
        Frames.ipv4(
            MacAddress.parse(dstMac).bytes(),
            mac,
            ip,
            Ipv4Address.parse(address).value(),
            Frames.PROTO_UDP,
            Frames.udp(40000, port, payload));
    transmit.accept(tag(untagged, vlanId));
  }

  @Override
  public String toString() {
    return name + " (" + ip() + ")";
  }
}
