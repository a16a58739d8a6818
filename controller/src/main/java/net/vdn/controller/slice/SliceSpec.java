package net.vdn.controller.slice;

import java.util.HashSet;
import java.util.List;

/**
 * A slice as a tenant asks for it: endpoints, committed and peak rates (bits per second), traffic
 * class, and optionally a dedicated wavelength between two sites. {@code sliceId} is the VLAN id
 * that carries it between switches.
 */
public record SliceSpec(
    String name,
    String tenant,
    int sliceId,
    List<Endpoint> endpoints,
    long cirBps,
    long pirBps,
    int trafficClass,
    Wavelength wavelength) {
  /** A slice without a wavelength. */
  public SliceSpec(
      String name,
      String tenant,
      int sliceId,
      List<Endpoint> endpoints,
      long cirBps,
      long pirBps,
      int trafficClass) {
    this(name, tenant, sliceId, endpoints, cirBps, pirBps, trafficClass, null);
  }

  public SliceSpec withWavelength(Wavelength w) {
    return new SliceSpec(name, tenant, sliceId, endpoints, cirBps, pirBps, trafficClass, w);
  }

  /**
   * Whether this slice in force is what {@code asked} asks for: equal, except that a wavelength
   * asked without a frequency is met by any the controller assigned.
   */
  public boolean satisfies(SliceSpec asked) {
    if (wavelength == null || asked.wavelength == null) {
      return equals(asked);
    }
    return wavelength.satisfies(asked.wavelength)
        && withWavelength(null).equals(asked.withWavelength(null));
  }

  public SliceSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: a slice needs a name");
    }
    if (sliceId < 1 || sliceId > 4094) {
      throw new IllegalArgumentException("sliceId: " + sliceId + " is outside 1..4094");
    }
    endpoints = List.copyOf(endpoints);
    if (endpoints.size() < 2) {
      throw new IllegalArgumentException(
          "endpoints: a slice needs at least two, got " + endpoints.size());
    }
    if (new HashSet<>(endpoints.stream().map(Endpoint::point).toList()).size()
        != endpoints.size()) {
      throw new IllegalArgumentException("endpoints: a port is listed twice");
    }
    if (cirBps <= 0 || pirBps < cirBps) {
      throw new IllegalArgumentException(
          "cirBps/pirBps: need 0 < CIR <= PIR, got " + cirBps + " and " + pirBps);
    }
    if (trafficClass < 0 || trafficClass > 7) {
      throw new IllegalArgumentException("trafficClass: " + trafficClass + " is outside 0..7");
    }
  }
}
