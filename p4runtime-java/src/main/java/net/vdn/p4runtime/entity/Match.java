package net.vdn.p4runtime.entity;

import net.vdn.p4runtime.Value;

/** How one match field of a table entry matches, by the field's match kind. */
public sealed interface Match {
  record Exact(Value value) implements Match {}

  record Lpm(Value value, int prefixLength) implements Match {}

  record Ternary(Value value, Value mask) implements Match {}

  record Range(Value low, Value high) implements Match {}

  record Optional(Value value) implements Match {}

  static Match exact(Value value) {
    return new Exact(value);
  }

  static Match exact(long value) {
    return new Exact(Value.of(value));
  }

  static Match lpm(Value value, int prefixLength) {
    return new Lpm(value, prefixLength);
  }

  static Match ternary(Value value, Value mask) {
    return new Ternary(value, mask);
  }

  static Match range(Value low, Value high) {
    return new Range(low, high);
  }

  static Match optional(Value value) {
    return new Optional(value);
  }

  /** The P4Info match kind this match needs. */
  default String kind() {
    return switch (this) {
      case Exact e -> "exact";
      case Lpm l -> "lpm";
      case Ternary t -> "ternary";
      case Range r -> "range";
      case Optional o -> "optional";
    };
  }
}
