package net.vdn.openflow.slice.internal;

import static net.vdn.openflow.slice.internal.FlowTranslator.OF;

import java.util.List;
import java.util.Set;
import net.vdn.pipeconf.rule.InvalidRuleException;
import net.vdn.pipeconf.rule.SliceRule;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.TableId;

/**
 * Table 2 and the meters: a slice's {@link SliceRule.Meter} as an OpenFlow meter (meter id = slice
 * id) and the flow that sends the slice's frames through it. Meters are in kbit/s with one drop
 * band at the committed rate (CIR) and the committed burst (at least {@value #MIN_BURST_MILLIS} ms
 * at the CIR, see {@link #burstKbits}): OpenFlow 1.3 meters on the switches in view offer drop
 * bands only, so the peak rate (PIR) is not enforced separately and a slice never gets more than
 * its CIR.
 */
final class Metering {
  static final int PRIORITY_METER = 10;

  /** The smallest meter burst, in milliseconds of traffic at the committed rate. */
  static final long MIN_BURST_MILLIS = 250;

  private Metering() {}

  static List<OfEntry> meter(SliceRule.Meter m) {
    int slice = SliceRule.checkSliceId(m.sliceId());
    if (m.cir() <= 0 || m.pir() < m.cir()) {
      throw new InvalidRuleException(
          "slice "
              + slice
              + ": rates need 0 < CIR <= PIR, got CIR "
              + m.cir()
              + " and PIR "
              + m.pir());
    }
    if (m.cburst() <= 0 || m.pburst() <= 0) {
      throw new InvalidRuleException("slice " + slice + ": bursts must be positive");
    }
    MeterEntry meter =
        new MeterEntry(
            slice,
            Set.of(OFMeterFlags.KBPS, OFMeterFlags.BURST, OFMeterFlags.STATS),
            List.of(OF.meterBands().drop(kbits(m.cir()), burstKbits(m.cir(), m.cburst()))));
    FlowEntry flow =
        new FlowEntry(
            FlowTranslator.TABLE_METER,
            PRIORITY_METER,
            OF.buildMatch().setExact(MatchField.METADATA, OfValues.metadata(slice)).build(),
            FlowTranslator.cookie(slice),
            List.of(
                OF.instructions().meter(slice),
                OF.instructions().gotoTable(TableId.of(FlowTranslator.TABLE_FORWARD))));
    return List.of(meter, flow);
  }

  /**
   * The drop band's burst in kilobits: the committed burst, but never under {@link
   * #MIN_BURST_MILLIS} of traffic at the committed rate. Open vSwitch meters drop whatever exceeds
   * their bucket, and TCP through a bucket of a few milliseconds collapses to a small fraction of
   * the rate (about 5% at 10 ms on its userspace datapath); at a quarter second it reaches 85-100%.
   */
  static long burstKbits(long cirBytes, long cburstBytes) {
    return Math.max(kbits(cburstBytes), kbits(cirBytes * MIN_BURST_MILLIS / 1000));
  }

  /** Bytes (per second) to kilobits (per second), rounded up so a rate is never lowered. */
  static long kbits(long bytes) {
    return Math.max(1, (bytes * 8 + 999) / 1000);
  }
}
