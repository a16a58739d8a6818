package net.vdn.controller.slice.impl;

import net.vdn.controller.error.ConfigException;
import net.vdn.controller.optical.OpticalService;
import net.vdn.controller.slice.SliceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A slice's wavelength on the optical layer: provisioned with it, kept, released with it. */
final class SliceWavelengths {
  private static final Logger log = LoggerFactory.getLogger(SliceWavelengths.class);
  private final OpticalService optical;

  SliceWavelengths(OpticalService optical) {
    this.optical = optical;
  }

  /** The slice as asked, with the wavelength the optical layer gave it, if it asked for one. */
  SliceSpec provision(SliceSpec asked) {
    return asked.wavelength() == null
        ? asked
        : asked.withWavelength(optical.provision(asked.sliceId(), asked.wavelength()));
  }

  /** Gives a slice's wavelength back; a failure is logged, not thrown (the slice is gone). */
  void release(SliceSpec spec) {
    if (spec.wavelength() != null && spec.wavelength().frequencyMhz() != null) {
      try {
        optical.release(spec.sliceId(), spec.wavelength());
      } catch (RuntimeException e) {
        log.warn("slice {}: wavelength not released: {}", spec.name(), e.getMessage());
      }
    }
  }

  /** A change keeps the slice's wavelength: asking for another one is refused. */
  static SliceSpec keep(SliceSpec old, SliceSpec asked) {
    if (asked.wavelength() == null) {
      return asked.withWavelength(old.wavelength());
    }
    if (old.wavelength() == null || !old.wavelength().satisfies(asked.wavelength())) {
      throw new ConfigException(
          "wavelength", "a slice's wavelength cannot be changed; delete the slice and create it");
    }
    return asked.withWavelength(old.wavelength());
  }
}
