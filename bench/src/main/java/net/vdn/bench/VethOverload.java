package net.vdn.bench;

import java.util.Locale;

/**
 * One overload pair of {@link VethRateBench}: the peak just measured (the most delivered), then
 * twice it offered.
 */
record VethOverload(double peak, VethRateBench.Measured overload, long counted) {
  double share() {
    return overload.delivered() / peak;
  }

  long lost() {
    return overload.sent() - overload.arrived();
  }

  /**
   * Whether it shows the overload case: the sender offered (nearly) twice the peak, and that was
   * more than the softswitch could forward (some frames never arrived).
   */
  boolean shows() {
    return lost() > 0 && overload.offered() >= 1.9 * peak;
  }

  String why() {
    if (overload.offered() < 1.9 * peak) {
      return String.format(
          Locale.ROOT, " (not shown: the sender offered only %.1fx)", overload.offered() / peak);
    }
    return lost() > 0 ? "" : " (not shown: it forwarded all it was offered)";
  }
}
