package net.vdn.softswitch.expr;

import java.math.BigInteger;
import java.util.List;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.HeaderInfo;
import net.vdn.softswitch.runtime.Bits;
import net.vdn.softswitch.runtime.Phv;

/** A writable field: values are truncated to its width (P4 wrap-around). */
public abstract class LValue {

  /** Stores the low bits of {@code value}. */
  public abstract void set(Phv p, long value);

  /** Stores the low bits of an arbitrary-precision value. */
  public abstract void setWide(Phv p, BigInteger value);

  /** The destination width, or -1 when it is only known at run time. */
  public abstract int width();

  /** Evaluates and stores, using the wide path only when the destination needs it. */
  public final void assign(Phv p, Expr e) {
    int w = width();
    if (w >= 0 && w <= 64) {
      set(p, e.eval(p));
    } else if (w > 64) {
      setWide(p, e.big(p));
    } else {
      setWide(p, e.big(p));
    }
  }

  static void store(Phv p, FieldInfo f, long value) {
    if (!f.wide()) {
      p.f[f.slot()] = value & Bits.mask(f.width());
    } else {
      store(p, f, BigInteger.valueOf(value));
    }
  }

  static void store(Phv p, FieldInfo f, BigInteger value) {
    Bits.fromBig(value, f.width(), p.f, f.slot());
  }

  /** A field at a fixed slot. */
  static final class Fixed extends LValue {
    final FieldInfo field;
    final int slot;
    final long mask;

    Fixed(FieldInfo field) {
      this.field = field;
      this.slot = field.slot();
      this.mask = Bits.mask(field.width());
    }

    @Override
    public void set(Phv p, long value) {
      if (!field.wide()) {
        p.f[slot] = value & mask;
      } else {
        store(p, field, value);
      }
    }

    @Override
    public void setWide(Phv p, BigInteger value) {
      store(p, field, value);
    }

    @Override
    public int width() {
      return field.width();
    }
  }

  /** The field at a given position of a header chosen at run time (a stack element). */
  static final class Dynamic extends LValue {
    final HeaderRef header;
    final int fieldIndex;
    final List<HeaderInfo> headers;
    final int width;

    Dynamic(HeaderRef header, int fieldIndex, List<HeaderInfo> headers, int width) {
      this.header = header;
      this.fieldIndex = fieldIndex;
      this.headers = headers;
      this.width = width;
    }

    @Override
    public void set(Phv p, long value) {
      store(p, headers.get(header.resolve(p)).fields().get(fieldIndex), value);
    }

    @Override
    public void setWide(Phv p, BigInteger value) {
      store(p, headers.get(header.resolve(p)).fields().get(fieldIndex), value);
    }

    @Override
    public int width() {
      return width;
    }
  }

  /** Reads the field an lvalue of kind {@link Dynamic} designates. */
  static final class DynamicRead extends Expr {
    final HeaderRef header;
    final int fieldIndex;
    final List<HeaderInfo> headers;

    DynamicRead(HeaderRef header, int fieldIndex, List<HeaderInfo> headers, int width) {
      super(width, false);
      this.header = header;
      this.fieldIndex = fieldIndex;
      this.headers = headers;
    }

    @Override
    public long eval(Phv p) {
      return p.f[headers.get(header.resolve(p)).fields().get(fieldIndex).slot()];
    }

    @Override
    public BigInteger wide(Phv p) {
      FieldInfo f = headers.get(header.resolve(p)).fields().get(fieldIndex);
      return Bits.toBig(p.f, f.slot(), f.words());
    }
  }
}
