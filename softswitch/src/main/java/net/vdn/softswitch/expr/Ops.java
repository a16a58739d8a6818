package net.vdn.softswitch.expr;

import java.math.BigInteger;
import java.util.function.LongBinaryOperator;
import net.vdn.softswitch.runtime.Phv;

/** Data-valued operations of BMv2 expressions. */
final class Ops {
  private Ops() {}

  private static final BigInteger MAX_SHIFT = BigInteger.valueOf(1 << 16);

  /** Operations whose low 64 result bits depend only on the low 64 operand bits. */
  static final class Wrapping extends Expr {
    final String op;
    final Expr a;
    final Expr b;
    final LongBinaryOperator fast;

    Wrapping(String op, Expr a, Expr b, int bits, boolean signed, LongBinaryOperator fast) {
      super(bits, signed);
      this.op = op;
      this.a = a;
      this.b = b;
      this.fast = fast;
    }

    @Override
    public long eval(Phv p) {
      return fast.applyAsLong(a.eval(p), b.eval(p));
    }

    @Override
    public BigInteger wide(Phv p) {
      BigInteger x = a.big(p);
      BigInteger y = b.big(p);
      return switch (op) {
        case "+" -> x.add(y);
        case "-" -> x.subtract(y);
        case "*" -> x.multiply(y);
        case "&" -> x.and(y);
        case "|" -> x.or(y);
        case "^" -> x.xor(y);
        default -> throw new IllegalStateException(op);
      };
    }
  }

  static Expr binary(String op, Expr a, Expr b) {
    int max = Math.max(a.bits, b.bits);
    boolean anySigned = a.signed || b.signed;
    return switch (op) {
      case "+" -> new Wrapping(op, a, b, max + 1, anySigned, Long::sum);
      case "-" -> new Wrapping(op, a, b, max + 1, true, (x, y) -> x - y);
      case "*" -> new Wrapping(op, a, b, a.bits + b.bits, anySigned, (x, y) -> x * y);
      case "&" -> {
        int bits = max;
        if (!a.signed) {
          bits = Math.min(bits, a.bits);
        }
        if (!b.signed) {
          bits = Math.min(bits, b.bits);
        }
        yield new Wrapping(op, a, b, bits, a.signed && b.signed, (x, y) -> x & y);
      }
      case "|" -> new Wrapping(op, a, b, max, anySigned, (x, y) -> x | y);
      case "^" -> new Wrapping(op, a, b, max, anySigned, (x, y) -> x ^ y);
      case "<<" -> new ShiftLeft(a, b);
      case ">>" -> new ShiftRight(a, b);
      case "/", "%" -> new Divide(op, a, b);
      default -> null;
    };
  }

  static final class ShiftLeft extends Expr {
    final Expr a;
    final Expr b;

    ShiftLeft(Expr a, Expr b) {
      super(a.bits + maxShift(b), a.signed);
      this.a = a;
      this.b = b;
    }

    private static int maxShift(Expr b) {
      if (b instanceof Expr.Const c) {
        return c.value.min(MAX_SHIFT).max(BigInteger.ZERO).intValue();
      }
      return b.bits >= 16 ? UNBOUNDED : (1 << b.bits) - 1;
    }

    @Override
    public long eval(Phv p) {
      long s = b.exact() ? b.eval(p) : b.wide(p).min(MAX_SHIFT).longValue();
      return s < 0 || s >= 64 ? 0 : a.eval(p) << s;
    }

    @Override
    public BigInteger wide(Phv p) {
      BigInteger s = b.big(p).min(MAX_SHIFT);
      return s.signum() <= 0 ? a.big(p) : a.big(p).shiftLeft(s.intValue());
    }
  }

  static final class ShiftRight extends Expr {
    final Expr a;
    final Expr b;

    ShiftRight(Expr a, Expr b) {
      super(a.bits, a.signed);
      this.a = a;
      this.b = b;
    }

    @Override
    public long eval(Phv p) {
      if (!a.exact()) {
        return wide(p).longValue();
      }
      long s = b.exact() ? b.eval(p) : b.wide(p).min(MAX_SHIFT).longValue();
      return s < 0 ? a.eval(p) : a.eval(p) >> Math.min(s, 63);
    }

    @Override
    public BigInteger wide(Phv p) {
      BigInteger s = b.big(p).min(MAX_SHIFT);
      return s.signum() <= 0 ? a.big(p) : a.big(p).shiftRight(s.intValue());
    }
  }

  /** Division and remainder; a zero divisor yields zero rather than failing the packet. */
  static final class Divide extends Expr {
    final String op;
    final Expr a;
    final Expr b;

    Divide(String op, Expr a, Expr b) {
      super(a.bits, a.signed || b.signed);
      this.op = op;
      this.a = a;
      this.b = b;
    }

    @Override
    public long eval(Phv p) {
      if (!a.exact() || !b.exact()) {
        return wide(p).longValue();
      }
      long y = b.eval(p);
      if (y == 0) {
        return 0;
      }
      return op.equals("/") ? a.eval(p) / y : a.eval(p) % y;
    }

    @Override
    public BigInteger wide(Phv p) {
      BigInteger y = b.big(p);
      if (y.signum() == 0) {
        return BigInteger.ZERO;
      }
      return op.equals("/") ? a.big(p).divide(y) : a.big(p).remainder(y);
    }
  }

  /** Bitwise complement (of the infinite-precision value: {@code -x - 1}). */
  static final class Complement extends Expr {
    final Expr a;

    Complement(Expr a) {
      super(a.bits + 1, true);
      this.a = a;
    }

    @Override
    public long eval(Phv p) {
      return ~a.eval(p);
    }

    @Override
    public BigInteger wide(Phv p) {
      return a.big(p).not();
    }
  }

  static final class Negate extends Expr {
    final Expr a;

    Negate(Expr a) {
      super(a.bits + 1, true);
      this.a = a;
    }

    @Override
    public long eval(Phv p) {
      return -a.eval(p);
    }

    @Override
    public BigInteger wide(Phv p) {
      return a.big(p).negate();
    }
  }

  /** The signed value of the low {@code width} bits ({@code two_comp_mod}). */
  static final class TwoCompMod extends Expr {
    final Expr a;
    final int width;

    TwoCompMod(Expr a, int width) {
      super(width, true);
      this.a = a;
      this.width = width;
    }

    @Override
    public long eval(Phv p) {
      int shift = 64 - width;
      return width >= 64 ? a.eval(p) : (a.eval(p) << shift) >> shift;
    }

    @Override
    public BigInteger wide(Phv p) {
      BigInteger mod = BigInteger.ONE.shiftLeft(width);
      BigInteger v = a.big(p).mod(mod);
      return v.testBit(width - 1) ? v.subtract(mod) : v;
    }
  }

  /** Clamps to the range of a {@code width}-bit unsigned or signed integer. */
  static final class Saturate extends Expr {
    final Expr a;
    final BigInteger min;
    final BigInteger max;
    final long minLong;
    final long maxLong;

    Saturate(Expr a, int width, boolean signedTarget) {
      super(width, signedTarget);
      this.a = a;
      this.min = signedTarget ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
      this.max =
          (signedTarget ? BigInteger.ONE.shiftLeft(width - 1) : BigInteger.ONE.shiftLeft(width))
              .subtract(BigInteger.ONE);
      this.minLong = min.longValue();
      this.maxLong = max.longValue();
    }

    @Override
    public long eval(Phv p) {
      if (!a.exact() || bits > 63) {
        return wide(p).longValue();
      }
      long v = a.eval(p);
      return v < minLong ? minLong : Math.min(v, maxLong);
    }

    @Override
    public BigInteger wide(Phv p) {
      return a.big(p).max(min).min(max);
    }
  }

  /** {@code cond ? left : right} on data values. */
  static final class Choice extends Expr {
    final Cond cond;
    final Expr a;
    final Expr b;

    Choice(Cond cond, Expr a, Expr b) {
      super(Math.max(a.bits, b.bits), a.signed || b.signed);
      this.cond = cond;
      this.a = a;
      this.b = b;
    }

    @Override
    public long eval(Phv p) {
      return cond.test(p) ? a.eval(p) : b.eval(p);
    }

    @Override
    public BigInteger wide(Phv p) {
      return cond.test(p) ? a.big(p) : b.big(p);
    }
  }

  /** A boolean as a one-bit value ({@code b2d}). */
  static final class BoolToData extends Expr {
    final Cond cond;

    BoolToData(Cond cond) {
      super(1, false);
      this.cond = cond;
    }

    @Override
    public long eval(Phv p) {
      return cond.test(p) ? 1 : 0;
    }
  }

  /** A comparison of two data values with infinite precision. */
  static Cond compare(String op, Expr a, Expr b) {
    if (a.exact() && b.exact()) {
      return switch (op) {
        case "==" -> p -> a.eval(p) == b.eval(p);
        case "!=" -> p -> a.eval(p) != b.eval(p);
        case "<" -> p -> a.eval(p) < b.eval(p);
        case "<=" -> p -> a.eval(p) <= b.eval(p);
        case ">" -> p -> a.eval(p) > b.eval(p);
        case ">=" -> p -> a.eval(p) >= b.eval(p);
        default -> null;
      };
    }
    return switch (op) {
      case "==" -> p -> a.big(p).equals(b.big(p));
      case "!=" -> p -> !a.big(p).equals(b.big(p));
      case "<" -> p -> a.big(p).compareTo(b.big(p)) < 0;
      case "<=" -> p -> a.big(p).compareTo(b.big(p)) <= 0;
      case ">" -> p -> a.big(p).compareTo(b.big(p)) > 0;
      case ">=" -> p -> a.big(p).compareTo(b.big(p)) >= 0;
      default -> null;
    };
  }
}
