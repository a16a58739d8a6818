package net.vdn.softswitch.expr;

import java.math.BigInteger;
import net.vdn.softswitch.runtime.Bits;
import net.vdn.softswitch.runtime.Phv;

/**
 * A compiled data-valued expression. P4 arithmetic on the BMv2 target is of infinite precision,
 * truncated when stored; here every node knows a static bound on the size of its result. When the
 * bound fits in a signed long ({@link #exact()}), {@link #eval} is the exact value; otherwise it is
 * the low 64 bits of it, which is all that wrapping operations (+, -, *, &lt;&lt;, bitwise) and
 * narrow destinations need. Operations that need the whole value (comparisons, right shifts,
 * saturation) fall back to {@link #wide} when an operand is not exact.
 */
public abstract class Expr {
  /** Bits that suffice to hold the result (sign bit excluded); {@link #UNBOUNDED} when unknown. */
  public static final int UNBOUNDED = 1 << 20;

  final int bits;
  final boolean signed;

  protected Expr(int bits, boolean signed) {
    this.bits = Math.min(bits, UNBOUNDED);
    this.signed = signed;
  }

  /** The exact value when {@link #exact()}, otherwise its low 64 bits. */
  public abstract long eval(Phv p);

  /** The exact value (allocates; for wide operands only). */
  public BigInteger wide(Phv p) {
    return BigInteger.valueOf(eval(p));
  }

  /** Whether {@link #eval} returns the exact value. */
  public final boolean exact() {
    return bits <= 63;
  }

  public final int bits() {
    return bits;
  }

  /** The low bits of the value as a number for widths above 64, e.g. for wide destinations. */
  public final BigInteger big(Phv p) {
    return exact() ? BigInteger.valueOf(eval(p)) : wide(p);
  }

  /** A constant. */
  public static Expr constant(BigInteger v) {
    return new Const(v);
  }

  static final class Const extends Expr {
    final BigInteger value;
    final long low;

    Const(BigInteger v) {
      super(v.signum() < 0 ? v.negate().bitLength() + 1 : v.bitLength(), v.signum() < 0);
      this.value = v;
      this.low = v.longValue();
    }

    @Override
    public long eval(Phv p) {
      return low;
    }

    @Override
    public BigInteger wide(Phv p) {
      return value;
    }
  }

  /** A field of 64 bits or less at a fixed slot. */
  static final class Field extends Expr {
    final int slot;

    Field(int slot, int width) {
      super(width, false);
      this.slot = slot;
    }

    @Override
    public long eval(Phv p) {
      return p.f[slot];
    }

    @Override
    public BigInteger wide(Phv p) {
      return Bits.unsigned(p.f[slot]);
    }
  }

  /** A field of more than 64 bits. */
  static final class WideField extends Expr {
    final int slot;
    final int words;

    WideField(int slot, int width) {
      super(width, false);
      this.slot = slot;
      this.words = (width + 63) >>> 6;
    }

    @Override
    public long eval(Phv p) {
      return p.f[slot];
    }

    @Override
    public BigInteger wide(Phv p) {
      return Bits.toBig(p.f, slot, words);
    }
  }

  /** An action parameter (runtime data), stored like fields in the action data words. */
  static final class Param extends Expr {
    final int slot;
    final int words;

    Param(int slot, int width) {
      super(width, false);
      this.slot = slot;
      this.words = (width + 63) >>> 6;
    }

    @Override
    public long eval(Phv p) {
      return p.params[slot];
    }

    @Override
    public BigInteger wide(Phv p) {
      return Bits.toBig(p.params, slot, words);
    }
  }

  /** The validity of a header as a one-bit value. */
  static final class Validity extends Expr {
    final HeaderRef header;

    Validity(HeaderRef header) {
      super(1, false);
      this.header = header;
    }

    @Override
    public long eval(Phv p) {
      return p.valid[header.resolve(p)] ? 1 : 0;
    }
  }

  /** Bits ahead of the parse cursor (parser only). */
  static final class Lookahead extends Expr {
    final int offset;
    final int width;

    Lookahead(int offset, int width) {
      super(width, false);
      this.offset = offset;
      this.width = width;
    }

    private int start(Phv p) {
      int start = p.cursor * 8 + offset;
      if (start + width > p.length * 8) {
        throw net.vdn.softswitch.runtime.PacketFault.PACKET_TOO_SHORT;
      }
      return start;
    }

    @Override
    public long eval(Phv p) {
      int start = start(p);
      return width <= 64
          ? Bits.get(p.packet, start, width)
          : Bits.get(p.packet, start + width - 64, 64);
    }

    @Override
    public BigInteger wide(Phv p) {
      int start = start(p);
      long[] words = new long[(width + 63) >>> 6];
      Bits.getWords(p.packet, start, width, words, 0);
      return Bits.toBig(words, 0, words.length);
    }
  }
}
