package net.vdn.optical.tl1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A TL1 input command: {@code VERB[-MOD1[-MOD2]]:TID:AID:CTAG:GENERAL:PAYLOAD...;}.
 *
 * @param code the command code, for example {@code ENT-CRS-OCH}
 * @param tid the target identifier (may be empty)
 * @param aid the access identifier (may be empty; several are joined with ',')
 * @param ctag the correlation tag, 1-6 letters or digits
 * @param payload the payload blocks after the (empty) general block; each is a list of parameters
 *     ({@code NAME=value} or positional)
 */
public record Tl1Command(
    String code, String tid, String aid, String ctag, List<Map<String, String>> payload) {
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+){0,2}");
  private static final Pattern CTAG = Pattern.compile("[A-Za-z0-9]{1,6}");
  private static final Pattern IDENT = Pattern.compile("[A-Za-z0-9_.,/&+-]*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./+-]+");

  public Tl1Command {
    Objects.requireNonNull(code, "code");
    tid = tid == null ? "" : tid;
    aid = aid == null ? "" : aid;
    Objects.requireNonNull(ctag, "ctag");
    List<Map<String, String>> copy = new ArrayList<>();
    for (Map<String, String> block : payload) {
      copy.add(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(block)));
    }
    payload = List.copyOf(copy);
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("code: '" + code + "' is not VERB[-MOD1[-MOD2]]");
    }
    if (!CTAG.matcher(ctag).matches()) {
      throw new IllegalArgumentException("ctag: '" + ctag + "' is not 1-6 letters or digits");
    }
    if (!IDENT.matcher(tid).matches()) {
      throw new IllegalArgumentException("tid: '" + tid + "' has characters TL1 reserves");
    }
    if (!IDENT.matcher(aid).matches()) {
      throw new IllegalArgumentException("aid: '" + aid + "' has characters TL1 reserves");
    }
    for (Map<String, String> block : payload) {
      for (var e : block.entrySet()) {
        if (!e.getKey().isEmpty() && !NAME.matcher(e.getKey()).matches()) {
          throw new IllegalArgumentException("parameter name: '" + e.getKey() + "' is not a name");
        }
        if (e.getValue() == null) {
          throw new IllegalArgumentException("parameter " + e.getKey() + ": no value");
        }
      }
    }
  }

  /** A command without payload. */
  public static Tl1Command of(String code, String tid, String aid, String ctag) {
    return new Tl1Command(code, tid, aid, ctag, List.of());
  }

  /** This command with one more payload block of named parameters (in the map's order). */
  public Tl1Command withParams(Map<String, String> params) {
    List<Map<String, String>> p = new ArrayList<>(payload);
    p.add(params);
    return new Tl1Command(code, tid, aid, ctag, p);
  }

  /** This command with another correlation tag. */
  public Tl1Command withCtag(String newCtag) {
    return new Tl1Command(code, tid, aid, newCtag, payload);
  }

  /**
   * The command as sent. Parameters with an empty name are positional. A value that is not plain
   * letters, digits and {@code _ . / + -} is sent as a quoted string with {@code \} escapes.
   */
  public String encode() {
    StringBuilder s = new StringBuilder(code).append(':').append(tid).append(':').append(aid);
    s.append(':').append(ctag);
    if (!payload.isEmpty()) {
      s.append(':'); // the general block, always empty here
      for (Map<String, String> block : payload) {
        s.append(':');
        boolean first = true;
        for (var e : block.entrySet()) {
          if (!first) {
            s.append(',');
          }
          first = false;
          if (!e.getKey().isEmpty()) {
            s.append(e.getKey()).append('=');
          }
          s.append(quoteIfNeeded(e.getValue()));
        }
      }
    }
    return s.append(';').toString();
  }

  static String quoteIfNeeded(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    StringBuilder q = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException(
            "value: '" + value + "' has a character TL1 cannot carry");
      }
      if (c == '"' || c == '\\') {
        q.append('\\');
      }
      q.append(c);
    }
    return q.append('"').toString();
  }

  @Override
  public String toString() {
    return encode();
  }
}
