package net.vdn.controller.optical;

import net.vdn.controller.error.ConfigException;

/**
 * A dedicated optical channel a slice asks for between two sites, under its packet path.
 *
 * @param frequencyMhz the channel's centre frequency, or null to let the controller pick a free one
 * @param widthMhz the channel's width (50 GHz when 0)
 */
public record Wavelength(String siteA, String siteB, Long frequencyMhz, int widthMhz) {
  public static final int DEFAULT_WIDTH_MHZ = 50_000;

  public Wavelength {
    if (siteA == null || siteB == null || siteA.isBlank() || siteB.isBlank()) {
      throw new ConfigException("wavelength.between", "needs two sites");
    }
    if (siteA.equals(siteB)) {
      throw new ConfigException("wavelength.between", "the two sites are the same: " + siteA);
    }
    widthMhz = widthMhz == 0 ? DEFAULT_WIDTH_MHZ : widthMhz;
    if (widthMhz < 6_250 || widthMhz > 400_000) {
      throw new ConfigException("wavelength.widthMhz", "outside 6250..400000: " + widthMhz);
    }
    if (frequencyMhz != null && (frequencyMhz < 184_500_000L || frequencyMhz > 196_100_000L)) {
      throw new ConfigException(
          "wavelength.frequencyMhz", "outside 184500000..196100000 MHz: " + frequencyMhz);
    }
  }

  public Wavelength withFrequency(long mhz) {
    return new Wavelength(siteA, siteB, mhz, widthMhz);
  }

  /** Whether a request for {@code asked} is met by this (possibly assigned) wavelength. */
  public boolean satisfies(Wavelength asked) {
    return asked != null
        && siteA.equals(asked.siteA)
        && siteB.equals(asked.siteB)
        && widthMhz == asked.widthMhz
        && (asked.frequencyMhz == null || asked.frequencyMhz.equals(frequencyMhz));
  }
}
