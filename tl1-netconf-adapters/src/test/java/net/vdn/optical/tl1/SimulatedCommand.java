package net.vdn.optical.tl1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command as {@link Tl1Simulator} reads it ({@code CODE:TID:AID:CTAG:GENERAL:PAYLOAD}), with the
 * simulator's own parsing, independent of the client's.
 *
 * @param code the command code, upper case
 * @param ctag the correlation tag as sent (may be empty or not a valid tag)
 * @param payload the first payload block's {@code NAME=value} items, names upper case
 * @param firstPayload the first payload block unquoted as a whole (ACT-USER's password)
 * @param wellFormed whether it has at least four blocks and a valid CTAG
 */
record SimulatedCommand(
    String code,
    String tid,
    String aid,
    String ctag,
    Map<String, String> payload,
    String firstPayload,
    boolean wellFormed) {

  static SimulatedCommand parse(String text) {
    List<String> fields = split(text, ':');
    String ctag = fields.size() > 3 ? fields.get(3) : "0";
    return new SimulatedCommand(
        fields.get(0).toUpperCase(),
        fields.size() > 1 ? fields.get(1) : "",
        fields.size() > 2 ? fields.get(2) : "",
        ctag,
        fields.size() > 5 ? params(fields.get(5)) : Map.of(),
        fields.size() > 5 ? unquote(fields.get(5)) : "",
        fields.size() >= 4 && ctag.matches("[A-Za-z0-9]{1,6}"));
  }

  /** Splits on a separator outside double quotes (backslash escapes inside quotes). */
  static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean q = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (q && c == '\\' && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
      } else if (c == '"') {
        q = !q;
        cur.append(c);
      } else if (c == sep && !q) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  static String unquote(String v) {
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i < v.length() - 1; i++) {
        char c = v.charAt(i);
        if (c == '\\' && i + 1 < v.length() - 1) {
          c = v.charAt(++i);
        }
        out.append(c);
      }
      return out.toString();
    }
    return v;
  }

  static Map<String, String> params(String block) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : split(block, ',')) {
      int eq = item.indexOf('=');
      if (eq > 0) {
        out.put(
            item.substring(0, eq).strip().toUpperCase(), unquote(item.substring(eq + 1).strip()));
      }
    }
    return out;
  }
}
