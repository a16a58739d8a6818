package net.vdn.controller.slice.impl;

import java.util.List;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.topology.TopologyService;
import net.vdn.pipeconf.rule.Ipv4Prefix;

/**
 * What a slice may not take from others, checked before anything is written: its slice id, and its
 * edge ports' traffic; and what its endpoints must be: edge ports of known devices.
 */
final class SliceConflicts {
  private SliceConflicts() {}

  static void check(
      SliceSpec spec, List<SliceSpec> others, DeviceService devices, TopologyService topology) {
    for (SliceSpec o : others) {
      if (o.sliceId() == spec.sliceId()) {
        throw new DuplicateException(
            "sliceId: " + spec.sliceId() + " is used by slice '" + o.name() + "'");
      }
    }
    for (Endpoint e : spec.endpoints()) {
      if (!devices.knows(e.device())) {
        throw new NotFoundException("endpoints: no device '" + e.device() + "'");
      }
      ConnectPoint at = e.point();
      if (topology.isLinkPort(at)) {
        throw new AdmissionException("endpoint " + at + " is a link port, not an edge port");
      }
      for (SliceSpec o : others) {
        for (Endpoint taken : o.endpoints()) {
          if (taken.point().equals(at)
              && java.util.Objects.equals(taken.vlan(), e.vlan())
              && overlap(taken.srcPrefix(), e.srcPrefix())) {
            throw new DuplicateException(
                "endpoint "
                    + at
                    + (e.srcPrefix() == null ? "" : " (" + e.srcPrefix() + ")")
                    + (e.vlan() == null ? "" : " VLAN " + e.vlan())
                    + " is taken by slice '"
                    + o.name()
                    + "'");
          }
        }
      }
    }
  }

  /** Whether frames from both prefixes can be the same frames (a missing prefix is every frame). */
  static boolean overlap(Ipv4Prefix a, Ipv4Prefix b) {
    if (a == null || b == null) {
      return true;
    }
    long mask = Ipv4Prefix.mask(Math.min(a.length(), b.length()));
    return (a.address() & mask) == (b.address() & mask);
  }
}
