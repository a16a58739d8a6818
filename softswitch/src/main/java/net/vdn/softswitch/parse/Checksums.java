package net.vdn.softswitch.parse;

import java.util.List;
import net.vdn.softswitch.expr.Cond;
import net.vdn.softswitch.extern.Calculation;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.runtime.Bits;
import net.vdn.softswitch.runtime.Phv;

/**
 * The program's checksums: verified after parsing (a mismatch sets {@code
 * standard_metadata.checksum_error}) and updated before deparsing, each under its condition.
 */
public final class Checksums {

  /** One checksum: its target field, calculation, condition (null = always) and uses. */
  public record Checksum(
      String name,
      FieldInfo target,
      Calculation calculation,
      Cond condition,
      boolean verify,
      boolean update) {}

  private final Checksum[] verify;
  private final Checksum[] update;
  private final FieldInfo checksumError;

  public Checksums(List<Checksum> all, FieldInfo checksumError) {
    this.verify = all.stream().filter(Checksum::verify).toArray(Checksum[]::new);
    this.update = all.stream().filter(Checksum::update).toArray(Checksum[]::new);
    this.checksumError = checksumError;
  }

  public void verify(Phv p) {
    for (Checksum c : verify) {
      if (c.condition() == null || c.condition().test(p)) {
        long expected = c.calculation().compute(p) & Bits.mask(c.target().width());
        if (expected != p.f[c.target().slot()] && checksumError != null) {
          p.f[checksumError.slot()] = 1;
        }
      }
    }
  }

  public void update(Phv p) {
    for (Checksum c : update) {
      if (c.condition() == null || c.condition().test(p)) {
        p.f[c.target().slot()] = c.calculation().compute(p) & Bits.mask(c.target().width());
      }
    }
  }
}
