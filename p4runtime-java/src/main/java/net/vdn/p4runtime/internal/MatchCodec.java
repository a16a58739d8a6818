package net.vdn.p4runtime.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.vdn.p4runtime.P4RuntimeException;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.Match;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.TableInfo;
import net.vdn.p4runtime.proto.config.v1.MatchField;
import net.vdn.p4runtime.proto.v1.FieldMatch;

/**
 * The match fields of table entries: kinds, widths, masks and prefixes checked against P4Info,
 * don't-cares left out as the specification requires, and fields read back by name.
 */
final class MatchCodec {
  private MatchCodec() {}

  /** Adds the entry's field matches in P4Info order, so that equal entries encode equally. */
  static void encode(
      TableInfo t, Map<String, Match> matches, net.vdn.p4runtime.proto.v1.TableEntry.Builder out) {
    List<MatchField> fields = t.proto().getMatchFieldsList();
    FieldMatch[] byPosition = new FieldMatch[fields.size()];
    boolean[] given = new boolean[fields.size()];
    for (Map.Entry<String, Match> m : matches.entrySet()) {
      MatchField f = t.field(m.getKey());
      int position = fields.indexOf(f);
      if (given[position]) {
        throw Wire.invalid(
            "table '" + t.name() + "': match field '" + f.getName() + "' is given twice");
      }
      given[position] = true;
      byPosition[position] = fieldMatch(t, f, m.getValue());
    }
    for (int i = 0; i < fields.size(); i++) {
      if (byPosition[i] != null) {
        out.addMatch(byPosition[i]);
      } else if (fields.get(i).getMatchType() == MatchField.MatchType.EXACT) {
        throw Wire.invalid(
            "table '"
                + t.name()
                + "': exact match field '"
                + fields.get(i).getName()
                + "' is missing");
      }
    }
  }

  /** The field match, or null when it is a don't-care that must be left out. */
  private static FieldMatch fieldMatch(TableInfo t, MatchField f, Match m) {
    String where = "table '" + t.name() + "': match field '" + f.getName() + "'";
    int w = f.getBitwidth();
    MatchField.MatchType type = f.getMatchType();
    String expected = type.name().toLowerCase();
    if (!f.hasMatchType()) {
      throw Wire.invalid(
          where
              + " has match kind '"
              + f.getOtherMatchType()
              + "', which this client cannot encode");
    }
    if (!expected.equals(m.kind())) {
      throw Wire.invalid(where + " is " + expected + ", got a " + m.kind() + " match");
    }
    var fm = FieldMatch.newBuilder().setFieldId(f.getId());
    switch (m) {
      case Match.Exact x -> {
        Wire.fits(x.value(), w, where);
        fm.setExact(FieldMatch.Exact.newBuilder().setValue(x.value().toByteString()));
      }
      case Match.Lpm x -> {
        Wire.fits(x.value(), w, where);
        if (x.prefixLength() < 0 || x.prefixLength() > w) {
          throw Wire.invalid(where + ": prefix length " + x.prefixLength() + " is outside 0.." + w);
        }
        BigInteger hostBits =
            BigInteger.ONE.shiftLeft(w - x.prefixLength()).subtract(BigInteger.ONE);
        if (x.value().toBigInteger().and(hostBits).signum() != 0) {
          throw Wire.invalid(
              where
                  + ": value "
                  + x.value()
                  + " has bits set past its /"
                  + x.prefixLength()
                  + " prefix");
        }
        if (x.prefixLength() == 0) {
          return null;
        }
        fm.setLpm(
            FieldMatch.LPM
                .newBuilder()
                .setValue(x.value().toByteString())
                .setPrefixLen(x.prefixLength()));
      }
      case Match.Ternary x -> {
        Wire.fits(x.value(), w, where + " value");
        Wire.fits(x.mask(), w, where + " mask");
        if (!x.value().and(x.mask()).equals(x.value())) {
          throw Wire.invalid(where + ": value " + x.value() + " has bits outside mask " + x.mask());
        }
        if (x.mask().isZero()) {
          return null;
        }
        fm.setTernary(
            FieldMatch.Ternary.newBuilder()
                .setValue(x.value().toByteString())
                .setMask(x.mask().toByteString()));
      }
      case Match.Range x -> {
        Wire.fits(x.low(), w, where + " low");
        Wire.fits(x.high(), w, where + " high");
        if (x.low().compareTo(x.high()) > 0) {
          throw Wire.invalid(where + ": low " + x.low() + " is above high " + x.high());
        }
        if (x.low().isZero() && x.high().equals(Value.ones(w))) {
          return null;
        }
        fm.setRange(
            FieldMatch.Range.newBuilder()
                .setLow(x.low().toByteString())
                .setHigh(x.high().toByteString()));
      }
      case Match.Optional x -> {
        Wire.fits(x.value(), w, where);
        fm.setOptional(FieldMatch.Optional.newBuilder().setValue(x.value().toByteString()));
      }
    }
    return fm.build();
  }

  /** Adds the field matches read from a target to the entry, by field name, values canonical. */
  static void decode(TableInfo t, List<FieldMatch> matches, TableEntry.Builder out) {
    for (FieldMatch fm : matches) {
      MatchField f = t.fields().byId(fm.getFieldId());
      if (f == null) {
        throw new P4RuntimeException(
            "table '" + t.name() + "' has no match field with id " + fm.getFieldId());
      }
      Match m =
          switch (fm.getFieldMatchTypeCase()) {
            case EXACT -> Match.exact(Value.of(fm.getExact().getValue()));
            case LPM -> Match.lpm(Value.of(fm.getLpm().getValue()), fm.getLpm().getPrefixLen());
            case TERNARY ->
                Match.ternary(
                    Value.of(fm.getTernary().getValue()), Value.of(fm.getTernary().getMask()));
            case RANGE ->
                Match.range(Value.of(fm.getRange().getLow()), Value.of(fm.getRange().getHigh()));
            case OPTIONAL -> Match.optional(Value.of(fm.getOptional().getValue()));
            default ->
                throw new P4RuntimeException(
                    "table '"
                        + t.name()
                        + "': unsupported match kind "
                        + fm.getFieldMatchTypeCase());
          };
      out.match(f.getName(), m);
    }
  }
}
