package net.vdn.softswitch.table;

import java.util.Locale;

/** Match kinds of table key fields. */
public enum MatchKind {
  EXACT,
  LPM,
  TERNARY,
  RANGE,
  OPTIONAL,
  /** P4_14 header validity match, exact on one byte. */
  VALID;

  /** The kind for a BMv2 {@code match_type}, or null when unknown. */
  public static MatchKind of(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
