package net.vdn.gnmi.openconfig;

import net.vdn.gnmi.GnmiValueException;

/**
 * The {@code ETHERNET_SPEED} identities of {@code openconfig-if-ethernet}, with their rates. On the
 * wire a speed is a string, {@code openconfig-if-ethernet:SPEED_10GB}; the module prefix is
 * optional when reading.
 */
public enum PortSpeed {
  SPEED_10MB(10_000_000L),
  SPEED_100MB(100_000_000L),
  SPEED_1GB(1_000_000_000L),
  SPEED_2500MB(2_500_000_000L),
  SPEED_5GB(5_000_000_000L),
  SPEED_10GB(10_000_000_000L),
  SPEED_25GB(25_000_000_000L),
  SPEED_40GB(40_000_000_000L),
  SPEED_50GB(50_000_000_000L),
  SPEED_100GB(100_000_000_000L),
  SPEED_200GB(200_000_000_000L),
  SPEED_400GB(400_000_000_000L),
  SPEED_600GB(600_000_000_000L),
  SPEED_800GB(800_000_000_000L),
  /** The target does not know (for example, no link yet); 0 bits per second. */
  SPEED_UNKNOWN(0L);

  public static final String MODULE = "openconfig-if-ethernet";

  private final long bitsPerSecond;

  PortSpeed(long bitsPerSecond) {
    this.bitsPerSecond = bitsPerSecond;
  }

  public long bitsPerSecond() {
    return bitsPerSecond;
  }

  /** The identity as sent on the wire, with its module prefix. */
  public String identity() {
    return MODULE + ":" + name();
  }

  /** The speed of exactly this rate; SPEED_UNKNOWN for 0. */
  public static PortSpeed ofBitsPerSecond(long bps) {
    for (PortSpeed s : values()) {
      if (s.bitsPerSecond == bps) {
        return s;
      }
    }
    throw new GnmiValueException("no OpenConfig ETHERNET_SPEED identity for " + bps + " bit/s");
  }

  /** Reads {@code openconfig-if-ethernet:SPEED_10GB} or {@code SPEED_10GB}. */
  public static PortSpeed fromIdentity(String identity) {
    return OpenConfigEnums.parse(PortSpeed.class, identity, MODULE, "ETHERNET_SPEED");
  }
}
