package net.vdn.gnmi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses and prints the string form of gNMI paths. The rules are documented on {@link GnmiPath}; in
 * short, a backslash makes the next character literal, and printing escapes only what the parser
 * would otherwise read as syntax.
 */
final class PathSyntax {
  private PathSyntax() {}

  static String print(GnmiPath path) {
    StringBuilder out = new StringBuilder();
    if (!path.origin().isEmpty()) {
      out.append(path.origin()).append(':');
    }
    if (path.elems().isEmpty()) {
      return out.append('/').toString();
    }
    for (PathElem e : path.elems()) {
      out.append('/');
      appendElem(out, e);
    }
    return out.toString();
  }

  static void appendElem(StringBuilder out, PathElem e) {
    escape(out, e.name(), "\\/[]");
    for (Map.Entry<String, String> k : e.keys().entrySet()) {
      out.append('[');
      escape(out, k.getKey(), "\\=[]");
      out.append('=');
      escape(out, k.getValue(), "\\]");
      out.append(']');
    }
  }

  private static void escape(StringBuilder out, String text, String special) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (special.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
  }

  static GnmiPath parse(String s) {
    return new Parser(s).path();
  }

  private static final class Parser {
    private final String s;
    private final int n;
    private int i;

    Parser(String s) {
      this.s = s;
      this.n = s.length();
    }

    private GnmiPathException error(int at, String problem) {
      return new GnmiPathException(s, at, problem);
    }

    GnmiPath path() {
      String origin = "";
      if (!s.startsWith("/")) {
        int colon = s.indexOf(':');
        if (colon <= 0 || colon + 1 >= n || s.charAt(colon + 1) != '/') {
          throw error(0, "a path starts with '/' or with 'origin:/'");
        }
        origin = s.substring(0, colon);
        for (int j = 0; j < colon; j++) {
          char c = origin.charAt(j);
          if (c == '/' || c == '[' || c == ']' || c == '\\' || c == '=') {
            throw error(j, "character '" + c + "' is not allowed in an origin");
          }
        }
        i = colon + 1;
      }
      List<PathElem> elems = new ArrayList<>();
      if (i == n - 1) {
        return new GnmiPath(origin, elems);
      }
      while (i < n) {
        i++; // past '/'
        elems.add(elem());
      }
      return new GnmiPath(origin, elems);
    }

    private PathElem elem() {
      int start = i;
      StringBuilder name = new StringBuilder();
      while (i < n) {
        char c = s.charAt(i);
        if (c == '\\') {
          name.append(escaped());
          continue;
        }
        if (c == '/' || c == '[') {
          break;
        }
        if (c == ']') {
          throw error(i, "unbalanced ']': no '[' opens it");
        }
        name.append(c);
        i++;
      }
      if (name.isEmpty()) {
        throw error(start, "empty path element");
      }
      TreeMap<String, String> keys = new TreeMap<>();
      while (i < n && s.charAt(i) == '[') {
        key(name, keys);
      }
      if (i < n && s.charAt(i) != '/') {
        throw error(i, "expected '/' or '[' after ']' of element '" + name + "'");
      }
      return new PathElem(name.toString(), keys);
    }

    private void key(CharSequence elem, TreeMap<String, String> keys) {
      int open = i++;
      StringBuilder key = new StringBuilder();
      while (true) {
        if (i >= n) {
          throw error(open, "unbalanced '[': no ']' closes it");
        }
        char c = s.charAt(i);
        if (c == '\\') {
          key.append(escaped());
          continue;
        }
        if (c == '=') {
          break;
        }
        if (c == ']') {
          throw error(i, "key '" + key + "' of element '" + elem + "' has no '='");
        }
        if (c == '[') {
          throw error(i, "unescaped '[' in a key name of element '" + elem + "'");
        }
        key.append(c);
        i++;
      }
      if (key.isEmpty()) {
        throw error(i, "empty key name in element '" + elem + "'");
      }
      i++; // past '='
      StringBuilder value = new StringBuilder();
      while (true) {
        if (i >= n) {
          throw error(open, "unbalanced '[': no ']' closes it");
        }
        char c = s.charAt(i);
        if (c == '\\') {
          value.append(escaped());
          continue;
        }
        if (c == ']') {
          break;
        }
        value.append(c);
        i++;
      }
      i++; // past ']'
      if (keys.put(key.toString(), value.toString()) != null) {
        throw error(open, "duplicate key '" + key + "' in element '" + elem + "'");
      }
    }

    /** Reads a backslash and the character it makes literal. */
    private char escaped() {
      if (i + 1 >= n) {
        throw error(i, "trailing backslash: nothing to escape");
      }
      char c = s.charAt(i + 1);
      i += 2;
      return c;
    }
  }
}
