package net.vdn.openflow.slice.internal;

import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterConfig;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBand;

/** A meter: its id identifies it; flags and bands are what it does. */
public record MeterEntry(long meter, Set<OFMeterFlags> flags, List<OFMeterBand> bands)
    implements OfEntry {
  public MeterEntry {
    flags = Set.copyOf(flags);
    bands = List.copyOf(bands);
  }

  public static MeterEntry of(OFMeterConfig c) {
    return new MeterEntry(c.getMeterId(), c.getFlags(), c.getEntries());
  }

  @Override
  public String key() {
    return "meter " + meter;
  }

  @Override
  public boolean sameAs(OfEntry other) {
    return other instanceof MeterEntry m
        && m.meter == meter
        && m.flags.equals(flags)
        && m.bands.equals(bands);
  }

  @Override
  public OFMessage add(OFFactory f) {
    return mod(f, OFMeterModCommand.ADD);
  }

  @Override
  public OFMessage modify(OFFactory f, OfEntry current) {
    return mod(f, OFMeterModCommand.MODIFY);
  }

  @Override
  public OFMessage delete(OFFactory f) {
    return f.buildMeterMod().setCommand(OFMeterModCommand.DELETE).setMeterId(meter).build();
  }

  private OFMessage mod(OFFactory f, OFMeterModCommand command) {
    return f.buildMeterMod()
        .setCommand(command)
        .setMeterId(meter)
        .setFlags(flags)
        .setMeters(bands)
        .build();
  }
}
