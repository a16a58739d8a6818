package net.vdn.gnmi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A typed value as gNMI carries it in {@code TypedValue}. One record per wire type; {@code any_val}
 * and {@code proto_bytes} are not supported (decoding them raises {@link GnmiValueException}).
 */
public sealed interface GnmiValue {

  /** An unsigned 64-bit integer ({@code uint_val}); {@code value} holds the bits. */
  record UintValue(long value) implements GnmiValue {
    public BigInteger toBigInteger() {
      return new BigInteger(Long.toUnsignedString(value));
    }

    @Override
    public String toString() {
      return Long.toUnsignedString(value);
    }
  }

  /** A signed 64-bit integer ({@code int_val}). */
  record IntValue(long value) implements GnmiValue {}

  /** A boolean ({@code bool_val}). */
  record BoolValue(boolean value) implements GnmiValue {}

  /** A string ({@code string_val}); YANG enumerations and identities travel this way. */
  record StringValue(String value) implements GnmiValue {
    public StringValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Text in a format agreed out of band ({@code ascii_val}). */
  record AsciiValue(String value) implements GnmiValue {
    public AsciiValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A decimal ({@code decimal_val}): {@code digits} scaled down by 10^{@code precision}, as YANG's
   * decimal64 (precision 0 to 18).
   */
  record DecimalValue(long digits, int precision) implements GnmiValue {
    public static final int MAX_PRECISION = 18;

    public DecimalValue {
      if (precision < 0 || precision > MAX_PRECISION) {
        throw new GnmiValueException(
            "decimal precision " + precision + " is outside 0.." + MAX_PRECISION);
      }
    }

    /** The exact decimal; refuses one that does not fit 64-bit digits and precision 0 to 18. */
    public static DecimalValue of(BigDecimal value) {
      BigDecimal v = value.stripTrailingZeros();
      if (v.scale() < 0) {
        v = v.setScale(0);
      }
      try {
        return new DecimalValue(v.unscaledValue().longValueExact(), v.scale());
      } catch (ArithmeticException e) {
        throw new GnmiValueException("decimal " + value + " does not fit decimal64");
      }
    }

    public BigDecimal toBigDecimal() {
      return BigDecimal.valueOf(digits, precision);
    }

    @Override
    public String toString() {
      return toBigDecimal().toPlainString();
    }
  }

  /** A double ({@code double_val}). */
  record DoubleValue(double value) implements GnmiValue {}

  /** A float ({@code float_val}, deprecated on the wire in favour of double). */
  record FloatValue(float value) implements GnmiValue {}

  /** Arbitrary bytes ({@code bytes_val}); the array is copied in and out. */
  record BytesValue(byte[] value) implements GnmiValue {
    public BytesValue {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BytesValue b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "BytesValue[" + HexFormat.of().formatHex(value) + "]";
    }
  }

  /** JSON text ({@code json_val}), kept as the target sent it. */
  record JsonValue(String json) implements GnmiValue {
    public JsonValue {
      Objects.requireNonNull(json, "json");
    }
  }

  /** JSON text as RFC 7951 defines it ({@code json_ietf_val}), kept as the target sent it. */
  record JsonIetfValue(String json) implements GnmiValue {
    public JsonIetfValue {
      Objects.requireNonNull(json, "json");
    }
  }

  /** A leaf-list of scalar values ({@code leaflist_val}). */
  record LeafListValue(List<GnmiValue> elements) implements GnmiValue {
    public LeafListValue {
      elements = List.copyOf(elements);
      for (GnmiValue v : elements) {
        if (v instanceof LeafListValue || v instanceof JsonValue || v instanceof JsonIetfValue) {
          throw new GnmiValueException(
              "a leaf-list holds scalars only, not " + v.getClass().getSimpleName());
        }
      }
    }
  }

  static GnmiValue ofUint(long value) {
    return new UintValue(value);
  }

  static GnmiValue ofInt(long value) {
    return new IntValue(value);
  }

  static GnmiValue of(boolean value) {
    return new BoolValue(value);
  }

  static GnmiValue of(String value) {
    return new StringValue(value);
  }

  static GnmiValue of(double value) {
    return new DoubleValue(value);
  }

  static GnmiValue of(BigDecimal value) {
    return DecimalValue.of(value);
  }

  static GnmiValue of(byte[] value) {
    return new BytesValue(value);
  }

  static GnmiValue json(String json) {
    return new JsonValue(json);
  }

  static GnmiValue jsonIetf(String json) {
    return new JsonIetfValue(json);
  }
}
