package net.vdn.softswitch.extern;

import java.util.List;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.HeaderInfo;
import net.vdn.softswitch.runtime.Bits;
import net.vdn.softswitch.runtime.Phv;
import net.vdn.softswitch.runtime.Scratch;

/**
 * A named BMv2 calculation: a hash or checksum over the concatenated bits of fields, constants,
 * whole headers (skipped when invalid) and optionally the rest of the packet.
 */
public final class Calculation {

  /** One input of a calculation, appending its bits to a buffer. */
  public sealed interface Input {}

  public record FieldInput(FieldInfo field) implements Input {}

  public record ConstInput(long value, int width) implements Input {}

  public record HeaderInput(HeaderInfo header) implements Input {}

  /** The headers that follow the last input in deparse order, then the unparsed payload. */
  public record PayloadInput(List<HeaderInfo> following) implements Input {}

  private final String name;
  private final HashAlgorithm algorithm;
  private final Input[] inputs;

  public Calculation(String name, HashAlgorithm algorithm, List<Input> inputs) {
    this.name = name;
    this.algorithm = algorithm;
    this.inputs = inputs.toArray(new Input[0]);
  }

  public String name() {
    return name;
  }

  public HashAlgorithm algorithm() {
    return algorithm;
  }

  /** Computes the calculation on the current packet state, in the worker's scratch buffer. */
  public long compute(Phv p) {
    Scratch s = p.scratch;
    int bit = 0;
    for (Input in : inputs) {
      switch (in) {
        case FieldInput fi -> bit = appendField(p, s, fi.field(), bit);
        case ConstInput ci -> {
          byte[] scratch = s.calculation(bytes(bit + ci.width()));
          Bits.set(scratch, bit, ci.width(), ci.value());
          bit += ci.width();
        }
        case HeaderInput hi -> {
          if (p.valid[hi.header().index()] || hi.header().metadata()) {
            for (FieldInfo f : hi.header().fieldArray()) {
              bit = appendField(p, s, f, bit);
            }
          }
        }
        case PayloadInput pi -> {
          for (HeaderInfo h : pi.following()) {
            if (p.valid[h.index()]) {
              for (FieldInfo f : h.fieldArray()) {
                bit = appendField(p, s, f, bit);
              }
            }
          }
          int bytes = Math.max(0, p.length - p.cursor);
          bit = (bit + 7) & ~7;
          byte[] scratch = s.calculation(bytes(bit + bytes * 8));
          System.arraycopy(p.packet, p.cursor, scratch, bit >>> 3, bytes);
          bit += bytes * 8;
        }
      }
    }
    int length = (bit + 7) >>> 3;
    byte[] scratch = s.calculation(length);
    if ((bit & 7) != 0) {
      Bits.set(scratch, bit, 8 - (bit & 7), 0);
    }
    return algorithm.compute(scratch, length);
  }

  private static int appendField(Phv p, Scratch s, FieldInfo f, int bit) {
    byte[] scratch = s.calculation(bytes(bit + f.width()));
    if (f.wide()) {
      Bits.setWords(scratch, bit, f.width(), p.f, f.slot());
    } else {
      Bits.set(scratch, bit, f.width(), p.f[f.slot()]);
    }
    return bit + f.width();
  }

  private static int bytes(int bits) {
    return (bits + 7) >>> 3;
  }
}
