package net.vdn.optical.tl1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of one quoted response line: blocks separated by {@code :}, items by {@code ,}, named
 * items as {@code NAME=value}; quoted values keep their separators. The line was unescaped once
 * already (from its outer quotes), so a quoted value here ends at the next {@code "}.
 *
 * @param blocks every block's items, verbatim (quotes removed)
 */
public record Tl1Line(List<List<String>> blocks) {

  public Tl1Line {
    blocks = blocks.stream().map(List::copyOf).toList();
  }

  /** Splits a line (already unescaped from its outer quotes). */
  public static Tl1Line parse(String text) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> items = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        items.add(cur.toString());
        cur.setLength(0);
      } else if (c == ':') {
        items.add(cur.toString());
        cur.setLength(0);
        blocks.add(items);
        items = new ArrayList<>();
      } else {
        cur.append(c);
      }
    }
    items.add(cur.toString());
    blocks.add(items);
    return new Tl1Line(blocks);
  }

  /** The first block joined back with ',' (the AID, or two AIDs of a cross-connect). */
  public String aid() {
    return String.join(",", blocks.getFirst());
  }

  /** The items of block {@code i}, or an empty list. */
  public List<String> block(int i) {
    return i < blocks.size() ? blocks.get(i) : List.of();
  }

  /** Every {@code NAME=value} item of every block after the first. */
  public Map<String, String> params() {
    Map<String, String> out = new LinkedHashMap<>();
    for (int b = 1; b < blocks.size(); b++) {
      for (String item : blocks.get(b)) {
        int eq = item.indexOf('=');
        if (eq > 0) {
          out.put(item.substring(0, eq), item.substring(eq + 1));
        }
      }
    }
    return out;
  }
}
