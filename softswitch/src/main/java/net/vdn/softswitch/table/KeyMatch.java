package net.vdn.softswitch.table;

/**
 * How one key field of a table entry matches, with values as big-endian byte strings (any length
 * whose value fits the field; P4Runtime's shortest form is fine). A null {@code KeyMatch} in an
 * entry means "don't care" for ternary, range, optional and LPM fields.
 */
public sealed interface KeyMatch {

  record Exact(byte[] value) implements KeyMatch {}

  record Lpm(byte[] value, int prefixLength) implements KeyMatch {}

  record Ternary(byte[] value, byte[] mask) implements KeyMatch {}

  record Range(byte[] low, byte[] high) implements KeyMatch {}

  record Optional(byte[] value) implements KeyMatch {}
}
