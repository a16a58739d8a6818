package net.vdn.optical;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A dedicated optical channel (a cross-connect on a wavelength) between two ports of one device.
 *
 * @param name the channel's name, unique on the device (letters, digits and {@code _ . : -})
 * @param frequencyMhz centre frequency in MHz (184.5 THz to 196.1 THz)
 * @param widthMhz spectral width in MHz (6.25 GHz to 400 GHz)
 * @param targetPowerDbm target output power in dBm with at most two decimals, or null for the
 *     device's default
 * @param sourcePort the port the signal enters by
 * @param destinationPort the port the signal leaves by
 */
public record OpticalChannel(
    String name,
    long frequencyMhz,
    int widthMhz,
    BigDecimal targetPowerDbm,
    String sourcePort,
    String destinationPort) {

  /** Lowest centre frequency accepted, in MHz. */
  public static final long MIN_FREQUENCY_MHZ = 184_500_000L;

  /** Highest centre frequency accepted, in MHz. */
  public static final long MAX_FREQUENCY_MHZ = 196_100_000L;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern PORT = Pattern.compile("[A-Za-z0-9_./:-]{1,64}");
  private static final BigDecimal MIN_POWER = new BigDecimal("-40");
  private static final BigDecimal MAX_POWER = new BigDecimal("25");

  /** Checks every field; a bad one raises {@link IllegalArgumentException} naming it. */
  public OpticalChannel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sourcePort, "sourcePort");
    Objects.requireNonNull(destinationPort, "destinationPort");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: '" + name + "' is not 1-64 of letters, digits, '_', '.', ':', '-'");
    }
    if (frequencyMhz < MIN_FREQUENCY_MHZ || frequencyMhz > MAX_FREQUENCY_MHZ) {
      throw new IllegalArgumentException(
          "frequencyMhz: "
              + frequencyMhz
              + " is outside "
              + MIN_FREQUENCY_MHZ
              + ".."
              + MAX_FREQUENCY_MHZ);
    }
    if (widthMhz < 6_250 || widthMhz > 400_000) {
      throw new IllegalArgumentException("widthMhz: " + widthMhz + " is outside 6250..400000");
    }
    if (targetPowerDbm != null) {
      if (targetPowerDbm.compareTo(MIN_POWER) < 0 || targetPowerDbm.compareTo(MAX_POWER) > 0) {
        throw new IllegalArgumentException(
            "targetPowerDbm: " + targetPowerDbm.toPlainString() + " is outside -40..25");
      }
      if (targetPowerDbm.stripTrailingZeros().scale() > 2) {
        throw new IllegalArgumentException(
            "targetPowerDbm: " + targetPowerDbm.toPlainString() + " has more than two decimals");
      }
      targetPowerDbm = targetPowerDbm.setScale(2);
    }
    for (String[] port :
        new String[][] {{"sourcePort", sourcePort}, {"destinationPort", destinationPort}}) {
      if (!PORT.matcher(port[1]).matches()) {
        throw new IllegalArgumentException(
            port[0]
                + ": '"
                + port[1]
                + "' is not 1-64 of letters, digits, '_', '.', '/', ':', '-'");
      }
    }
    if (sourcePort.equals(destinationPort)) {
      throw new IllegalArgumentException(
          "destinationPort: same as sourcePort '" + sourcePort + "'");
    }
  }

  /** A channel of the usual 50 GHz width at the device's default power. */
  public static OpticalChannel of(
      String name, long frequencyMhz, String sourcePort, String destinationPort) {
    return new OpticalChannel(name, frequencyMhz, 50_000, null, sourcePort, destinationPort);
  }

  /** This channel with another target power. */
  public OpticalChannel withTargetPowerDbm(BigDecimal dbm) {
    return new OpticalChannel(name, frequencyMhz, widthMhz, dbm, sourcePort, destinationPort);
  }
}
