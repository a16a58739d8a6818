package net.vdn.controller.slice;

import java.util.HashSet;
import java.util.List;
import net.vdn.controller.optical.Wavelength;

/**
 * A slice as a tenant asks for it: endpoints, committed and peak rates (bits per second), the
 * meters' burst in milliseconds of traffic at each rate, traffic class, and optionally a dedicated
 * wavelength between two sites. {@code sliceId} is the VLAN id that carries it between switches.
 *
 * @param burstMs how much traffic above the rate the meters let through at once, in milliseconds at
 *     the rate (at least a round trip's worth, so that TCP reaches the committed rate); 0 for
 *     {@value #DEFAULT_BURST_MS} ms
 */
public record SliceSpec(
    String name,
    String tenant,
    int sliceId,
    List<Endpoint> endpoints,
    long cirBps,
    long pirBps,
    int burstMs,
    int trafficClass,
    Wavelength wavelength) {
  /**
   * The meters' burst when none is asked for: measured on the softswitch and BMv2, TCP through a 10
   * Mb/s slice reaches 55-61% of the rate with 100 ms, 90% with 200 ms, 96-97% with 250 ms.
   */
  public static final int DEFAULT_BURST_MS = 250;

  public static final int MAX_BURST_MS = 10_000;

  /** A slice with the default burst and no wavelength. */
  public SliceSpec(
      String name,
      String tenant,
      int sliceId,
      List<Endpoint> endpoints,
      long cirBps,
      long pirBps,
      int trafficClass) {
    this(name, tenant, sliceId, endpoints, cirBps, pirBps, 0, trafficClass, null);
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
    for (Endpoint e : endpoints) {
      if (e.vlan() != null && e.vlan() != sliceId && e.srcPrefix() != null) {
        throw new IllegalArgumentException(
            "endpoints: "
                + e.point()
                + " names a customer VLAN and a source prefix; a customer VLAN endpoint takes"
                + " every frame of its VLAN");
      }
    }
    if (cirBps <= 0 || pirBps < cirBps) {
      throw new IllegalArgumentException(
          "cirBps/pirBps: need 0 < CIR <= PIR, got " + cirBps + " and " + pirBps);
    }
    burstMs = burstMs == 0 ? DEFAULT_BURST_MS : burstMs;
    if (burstMs < 1 || burstMs > MAX_BURST_MS) {
      throw new IllegalArgumentException("burstMs: " + burstMs + " is outside 1.." + MAX_BURST_MS);
    }
    if (trafficClass < 0 || trafficClass > 7) {
      throw new IllegalArgumentException("trafficClass: " + trafficClass + " is outside 0..7");
    }
  }

  public SliceSpec withWavelength(Wavelength w) {
    return new SliceSpec(
        name, tenant, sliceId, endpoints, cirBps, pirBps, burstMs, trafficClass, w);
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
}
