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
 * id, rates in kbit/s) and the flow that sends the slice's frames through it.
 *
 * <p>The meter is one drop band at the committed rate (CIR) whose burst is the rule's committed
 * burst, as given: the controller sizes it. TCP keeps its rate through a drop band only when the
 * burst outlasts the sender's minimum retransmission timeout (200 ms on Linux) at the rate; at 100
 * ms it gets about half (the adapter's README has the figures). A committed burst under one maximum
 * frame is refused, as no full-size frame could ever pass.
 *
 * <p>The peak rate (PIR) is not enforced when it is above the CIR, because Open vSwitch (3.1)
 * cannot meter two rates: of the bands a packet exceeds, it applies only the one with the highest
 * rate, and it implements drop bands only (a DSCP-remark band is refused with {@code
 * METER_MOD_FAILED}), so traffic between CIR and PIR cannot be passed marked as excess. Of what it
 * can do:
 *
 * <ul>
 *   <li>a drop band at the CIR (what VDN writes) holds the slice to its CIR: the committed rate is
 *       guaranteed, nothing above it passes, the PIR is never reached;
 *   <li>a drop band at the PIR would let the slice reach its PIR, but its excess would travel
 *       unmarked, as equal to the committed traffic of the other slices on the same links, whose
 *       guarantee would then fail on a full link (admission reserves CIRs only);
 *   <li>drop bands at both hold the slice to its CIR as the first does: a packet over the CIR band
 *       exceeds a drop band whichever band is applied.
 * </ul>
 *
 * The PIR's burst is checked like any rule value but not used.
 */
final class Metering {
  static final int PRIORITY_METER = 10;

  /**
   * The largest frame a slice carries on a standard Ethernet link, in bytes: 1500 bytes of payload,
   * the header, one VLAN tag and the FCS.
   */
  static final long MAX_FRAME_BYTES = 1522;

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
    if (m.cburst() < MAX_FRAME_BYTES) {
      throw new InvalidRuleException(
          "slice "
              + slice
              + ": a committed burst of "
              + m.cburst()
              + " bytes is under one maximum frame ("
              + MAX_FRAME_BYTES
              + " bytes): full-size frames could never pass the meter");
    }
    MeterEntry meter =
        new MeterEntry(
            slice,
            Set.of(OFMeterFlags.KBPS, OFMeterFlags.BURST, OFMeterFlags.STATS),
            List.of(OF.meterBands().drop(kbits(m.cir()), kbits(m.cburst()))));
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

  /** Bytes (per second) to kilobits (per second), rounded up so a rate is never lowered. */
  static long kbits(long bytes) {
    return Math.max(1, (bytes * 8 + 999) / 1000);
  }
}
