package net.vdn.controller.federation;

import java.util.HashSet;
import java.util.List;

/** An inter-domain slice as asked for: endpoints in several domains, rates, burst and class. */
public record InterDomainSpec(
    String name,
    String tenant,
    List<DomainEndpoint> endpoints,
    long cirBps,
    long pirBps,
    int burstMs,
    int trafficClass) {
  public InterDomainSpec {
    if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("name: needs 1-64 letters, digits, '.', '-' or '_'");
    }
    endpoints = List.copyOf(endpoints);
    if (endpoints.size() < 2) {
      throw new IllegalArgumentException("endpoints: a slice needs at least two");
    }
    if (new HashSet<>(
                endpoints.stream()
                    .map(e -> e.domain() + ":" + e.device() + ":" + e.port())
                    .toList())
            .size()
        != endpoints.size()) {
      throw new IllegalArgumentException("endpoints: a port is listed twice");
    }
    if (cirBps <= 0 || pirBps < cirBps) {
      throw new IllegalArgumentException(
          "cirBps/pirBps: need 0 < CIR <= PIR, got " + cirBps + " and " + pirBps);
    }
    if (burstMs < 0 || trafficClass < 0 || trafficClass > 7) {
      throw new IllegalArgumentException("burstMs/trafficClass: out of range");
    }
  }

  /** The same slice for another tenant. */
  public InterDomainSpec withTenant(String t) {
    return new InterDomainSpec(name, t, endpoints, cirBps, pirBps, burstMs, trafficClass);
  }

  /** The domains the endpoints are in, in the order they first appear. */
  public List<String> domains() {
    return endpoints.stream().map(DomainEndpoint::domain).distinct().toList();
  }

  public List<DomainEndpoint> in(String domain) {
    return endpoints.stream().filter(e -> e.domain().equals(domain)).toList();
  }
}
