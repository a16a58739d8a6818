package net.vdn.optical.tl1.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.vdn.optical.tl1.Tl1Message;

/**
 * Splits the text a network element sends into {@link Tl1Message}s and parses each. A message ends
 * at a terminator ({@code ;} complete, {@code >} more follows, {@code <} acknowledgment) outside
 * quotes and comments; a quoted string ends at the end of its line at the latest. Anything else
 * that ends there, or that grows past the size limit without ending, is returned as {@link
 * Tl1Message.Malformed}, and parsing goes on after it. Not thread-safe: one parser per connection.
 */
public final class Tl1Parser {
  private static final Pattern HEADER =
      Pattern.compile(
          "(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)\\s+(\\d{2}-\\d{2}-\\d{2})\\s+(\\d{2}:\\d{2}:\\d{2})");
  private static final Pattern RESPONSE_ID =
      Pattern.compile("M\\s+([A-Za-z0-9]{1,6})\\s+(COMPLD|DENY|PRTL|DELAY|RTRV)");
  private static final Pattern AUTONOMOUS_ID =
      Pattern.compile("(\\*C|\\*\\*|\\*|A)\\s+([A-Za-z0-9.]{1,10})\\s+([A-Z][A-Z0-9 -]*)");
  private static final Pattern ACK = Pattern.compile("(IP|PF|OK|NA|NG|RL)\\s+([A-Za-z0-9]{1,6})");
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Z]{4}");

  private final int maxMessageChars;
  private final StringBuilder buf = new StringBuilder();
  private boolean inQuote;
  private boolean inComment;
  private boolean escape;

  public Tl1Parser(int maxMessageChars) {
    this.maxMessageChars = maxMessageChars;
  }

  /** Adds received text and returns the messages it completes. */
  public List<Tl1Message> feed(CharSequence text) {
    List<Tl1Message> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      buf.append(c);
      if (inQuote) {
        if (c == '\n' || c == '\r') {
          inQuote = false;
          escape = false;
        } else if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == '"') {
          inQuote = false;
        }
      } else if (inComment) {
        if (c == '/' && buf.length() >= 2 && buf.charAt(buf.length() - 2) == '*') {
          inComment = false;
        }
      } else if (c == '"') {
        inQuote = true;
      } else if (c == '*' && buf.length() >= 2 && buf.charAt(buf.length() - 2) == '/') {
        inComment = true;
      } else if (c == ';' || c == '>' || c == '<') {
        String message = buf.substring(0, buf.length() - 1);
        buf.setLength(0);
        out.add(parse(message, c));
        continue;
      }
      if (buf.length() > maxMessageChars) {
        out.add(
            new Tl1Message.Malformed(
                buf.substring(0, 200), "no terminator within " + maxMessageChars + " characters"));
        reset();
      }
    }
    return out;
  }

  /** Drops a partial message (after a reconnect). */
  public void reset() {
    buf.setLength(0);
    inQuote = false;
    inComment = false;
    escape = false;
  }

  static Tl1Message parse(String text, char terminator) {
    List<String> rawLines = new ArrayList<>();
    for (String l : text.split("\r\n|\r|\n", -1)) {
      if (!l.isBlank()) {
        rawLines.add(l);
      }
    }
    if (terminator == '<') {
      Matcher ack = rawLines.size() == 1 ? ACK.matcher(rawLines.getFirst().strip()) : null;
      return ack != null && ack.matches()
          ? new Tl1Message.Acknowledgment(ack.group(1), ack.group(2))
          : new Tl1Message.Malformed(text, "not an acknowledgment");
    }
    if (rawLines.size() < 2) {
      return new Tl1Message.Malformed(text, "no header and identification line");
    }
    Matcher header = HEADER.matcher(rawLines.get(0).strip());
    if (!header.matches()) {
      return new Tl1Message.Malformed(text, "bad header line '" + rawLines.get(0).strip() + "'");
    }
    String sid = unquote(header.group(1));
    String id = rawLines.get(1).strip();
    // The body is everything after the identification line.
    int bodyStart = text.indexOf(rawLines.get(1)) + rawLines.get(1).length();
    Body body = Body.read(text.substring(bodyStart));
    if (body.error != null) {
      return new Tl1Message.Malformed(text, body.error);
    }
    Matcher m = RESPONSE_ID.matcher(id);
    if (m.matches()) {
      Tl1Message.Status status = Tl1Message.Status.valueOf(m.group(2));
      String code = "";
      if (status == Tl1Message.Status.DENY) {
        code =
            body.words.stream().filter(w -> ERROR_CODE.matcher(w).matches()).findFirst().orElse("");
      }
      return new Tl1Message.Response(
          sid, m.group(1), status, body.quoted, code, body.comments, terminator == '>');
    }
    Matcher a = AUTONOMOUS_ID.matcher(id);
    if (a.matches()) {
      if (terminator != ';') {
        return new Tl1Message.Malformed(text, "autonomous message not ended by ';'");
      }
      return new Tl1Message.Autonomous(
          sid, a.group(1), a.group(2), a.group(3).strip(), body.quoted);
    }
    return new Tl1Message.Malformed(text, "bad identification line '" + id + "'");
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return unescape(s.substring(1, s.length() - 1));
    }
    return s;
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        c = s.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /** The body of a message: quoted lines, comments and bare words (error codes). */
  private record Body(
      List<String> quoted, List<String> comments, List<String> words, String error) {
    static Body read(String s) {
      List<String> quoted = new ArrayList<>();
      List<String> comments = new ArrayList<>();
      List<String> words = new ArrayList<>();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '"') {
          StringBuilder q = new StringBuilder();
          int j = i + 1;
          boolean closed = false;
          while (j < s.length()) {
            char d = s.charAt(j);
            if (d == '\n' || d == '\r') {
              break;
            } else if (d == '\\' && j + 1 < s.length()) {
              q.append(s.charAt(j + 1));
              j += 2;
            } else if (d == '"') {
              closed = true;
              j++;
              break;
            } else {
              q.append(d);
              j++;
            }
          }
          if (!closed) {
            return new Body(quoted, comments, words, "unterminated quoted line");
          }
          quoted.add(q.toString());
          i = j;
        } else if (s.startsWith("/*", i)) {
          int end = s.indexOf("*/", i + 2);
          if (end < 0) {
            return new Body(quoted, comments, words, "unterminated comment");
          }
          comments.add(s.substring(i + 2, end).strip());
          i = end + 2;
        } else {
          int j = i;
          while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '"') {
            j++;
          }
          words.add(s.substring(i, j));
          i = j;
        }
      }
      return new Body(quoted, comments, words, null);
    }
  }
}
