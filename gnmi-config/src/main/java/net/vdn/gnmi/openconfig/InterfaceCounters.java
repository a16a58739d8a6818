package net.vdn.gnmi.openconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.gnmi.GnmiPath;
import net.vdn.gnmi.GnmiValue;
import net.vdn.gnmi.GnmiValueException;
import net.vdn.gnmi.Notification;

/**
 * The counters of one interface ({@code state/counters}). A counter the target did not report is 0.
 * Values are unsigned 64-bit counters held in longs.
 */
public record InterfaceCounters(
    String name,
    long inOctets,
    long inUnicastPkts,
    long inBroadcastPkts,
    long inMulticastPkts,
    long inErrors,
    long inDiscards,
    long outOctets,
    long outUnicastPkts,
    long outBroadcastPkts,
    long outMulticastPkts,
    long outErrors,
    long outDiscards) {

  static final List<String> LEAVES =
      List.of(
          "in-octets",
          "in-unicast-pkts",
          "in-broadcast-pkts",
          "in-multicast-pkts",
          "in-errors",
          "in-discards",
          "out-octets",
          "out-unicast-pkts",
          "out-broadcast-pkts",
          "out-multicast-pkts",
          "out-errors",
          "out-discards");

  /** Packets received: unicast, broadcast and multicast. */
  public long inPackets() {
    return inUnicastPkts + inBroadcastPkts + inMulticastPkts;
  }

  /** Packets sent: unicast, broadcast and multicast. */
  public long outPackets() {
    return outUnicastPkts + outBroadcastPkts + outMulticastPkts;
  }

  /**
   * Collects the counter leaves in the notifications, per interface name (in the order first seen).
   * Leaves other than counters are ignored; a counter that is not an unsigned integer raises {@link
   * GnmiValueException}.
   */
  public static Map<String, InterfaceCounters> from(List<Notification> notifications) {
    Map<String, long[]> byName = new LinkedHashMap<>();
    for (Notification n : notifications) {
      for (Notification.Update u : n.updates()) {
        GnmiPath p = u.path();
        String iface = p.keyOf("interface", "name");
        if (p.isRoot() || iface == null) {
          continue;
        }
        int index = LEAVES.indexOf(p.last().name());
        if (index < 0 || p.elems().size() < 2) {
          continue;
        }
        if (!p.elems().get(p.elems().size() - 2).name().equals("counters")) {
          continue;
        }
        byName.computeIfAbsent(iface, k -> new long[LEAVES.size()])[index] = counter(p, u.value());
      }
    }
    Map<String, InterfaceCounters> out = new LinkedHashMap<>();
    byName.forEach((name, c) -> out.put(name, of(name, c)));
    return out;
  }

  private static long counter(GnmiPath p, GnmiValue v) {
    return switch (v) {
      case GnmiValue.UintValue u -> u.value();
      case GnmiValue.IntValue i when i.value() >= 0 -> i.value();
      default -> throw new GnmiValueException(p + ": expected an unsigned counter, got " + v);
    };
  }

  private static InterfaceCounters of(String name, long[] c) {
    return new InterfaceCounters(
        name, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]);
  }
}
