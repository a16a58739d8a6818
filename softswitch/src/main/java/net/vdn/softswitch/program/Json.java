package net.vdn.softswitch.program;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON node together with a human-readable description of where it sits in the program, so that
 * every accessor can fail with a message naming the object and the key.
 */
public record Json(JsonNode node, String where) {

  /**
   * The description of an array element that has a name and an id, e.g. {@code table 'x' (id 3)}.
   */
  public static String describe(String kind, JsonNode obj) {
    JsonNode name = obj.get("name");
    JsonNode id = obj.get("id");
    StringBuilder sb = new StringBuilder(kind);
    if (name != null && name.isTextual()) {
      sb.append(" '").append(name.asText()).append('\'');
    }
    if (id != null && id.isIntegralNumber()) {
      sb.append(" (id ").append(id.asInt()).append(')');
    }
    return sb.toString();
  }

  public ProgramException error(String message) {
    return new ProgramException(where + ": " + message);
  }

  public UnsupportedFeatureException unsupported(String message) {
    return new UnsupportedFeatureException(message + " in " + where);
  }

  public boolean has(String key) {
    JsonNode n = node.get(key);
    return n != null && !n.isNull();
  }

  public JsonNode raw(String key) {
    JsonNode n = node.get(key);
    if (n == null) {
      throw error("missing key '" + key + "'");
    }
    return n;
  }

  public Json obj(String key) {
    JsonNode n = raw(key);
    if (!n.isObject()) {
      throw error("key '" + key + "' must be an object");
    }
    return new Json(n, where + "." + key);
  }

  public String str(String key) {
    JsonNode n = raw(key);
    if (!n.isTextual()) {
      throw error("key '" + key + "' must be a string");
    }
    return n.asText();
  }

  /** A string, or null when the key is absent or null. */
  public String strOrNull(String key) {
    JsonNode n = node.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw error("key '" + key + "' must be a string or null");
    }
    return n.asText();
  }

  public int integer(String key) {
    JsonNode n = raw(key);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw error("key '" + key + "' must be an integer");
    }
    return n.asInt();
  }

  public int integer(String key, int fallback) {
    return has(key) ? integer(key) : fallback;
  }

  public boolean bool(String key, boolean fallback) {
    JsonNode n = node.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw error("key '" + key + "' must be a boolean");
    }
    return n.asBoolean();
  }

  /** The elements of an array; an absent key reads as an empty array. */
  public List<Json> list(String key, String kind) {
    JsonNode n = node.get(key);
    List<Json> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw error("key '" + key + "' must be an array");
    }
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      String desc = e.isObject() ? describe(kind, e) : kind + " #" + i;
      out.add(new Json(e, e.has("name") || e.has("id") ? desc : where + "." + key + "[" + i + "]"));
    }
    return out;
  }

  /** The elements of an array as raw nodes; an absent key reads as an empty array. */
  public List<JsonNode> array(String key) {
    JsonNode n = node.get(key);
    List<JsonNode> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw error("key '" + key + "' must be an array");
    }
    n.forEach(out::add);
    return out;
  }

  /** Parses a BMv2 hex string such as {@code 0x0800} or {@code -0x1}. */
  public static BigInteger hex(String text, Json ctx) {
    String s = text.trim();
    boolean neg = s.startsWith("-");
    if (neg) {
      s = s.substring(1);
    }
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if (s.isEmpty()) {
      throw ctx.error("empty hex string '" + text + "'");
    }
    try {
      BigInteger v = new BigInteger(s, 16);
      return neg ? v.negate() : v;
    } catch (NumberFormatException e) {
      throw ctx.error("not a hex string: '" + text + "'");
    }
  }
}
