package net.vdn.gnmi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path into a target's data tree: an optional origin and a list of elements, each a name with
 * optional keys. Immutable; two paths are equal when origin, names and keys are.
 *
 * <p>String form ({@link #parse}, {@link #toString}), following the gNMI path conventions:
 *
 * <ul>
 *   <li>{@code /interfaces/interface[name=1]/state/oper-status}: elements separated by {@code /}; a
 *       path always starts with {@code /}, and {@code /} alone is the root.
 *   <li>{@code openconfig:/interfaces}: an origin is written before the first {@code /}, followed
 *       by {@code :}; it may not contain {@code :} or {@code /}.
 *   <li>{@code [a=1][b=2]}: keys follow the element name; they are printed sorted by key name and a
 *       key name may appear once per element.
 *   <li>A backslash makes the next character literal, anywhere. Printing escapes only what would
 *       otherwise be syntax: in an element name {@code \ / [ ]}; in a key name {@code \ = [ ]}; in
 *       a key value {@code \ ]}. So {@code /} and {@code =} stand unescaped inside a key value
 *       ({@code [name=eth1/2]}), and {@code \/} there is read as {@code /} too.
 * </ul>
 *
 * A malformed string (no leading {@code /}, empty element, unbalanced bracket, key without {@code
 * =}, empty key name, trailing backslash) raises {@link GnmiPathException} with its position.
 */
public record GnmiPath(String origin, List<PathElem> elems) {
  /** The root of the default origin. */
  public static final GnmiPath ROOT = new GnmiPath("", List.of());

  public GnmiPath {
    origin = origin == null ? "" : origin;
    if (origin.indexOf(':') >= 0 || origin.indexOf('/') >= 0) {
      throw new GnmiPathException("origin '" + origin + "' may not contain ':' or '/'");
    }
    elems = List.copyOf(Objects.requireNonNull(elems, "elems"));
  }

  /** Parses the string form; see the class comment for the syntax. */
  public static GnmiPath parse(String text) {
    return PathSyntax.parse(Objects.requireNonNull(text, "text"));
  }

  public static GnmiPath of(PathElem... elems) {
    return new GnmiPath("", List.of(elems));
  }

  public GnmiPath withOrigin(String newOrigin) {
    return new GnmiPath(newOrigin, elems);
  }

  public GnmiPath child(PathElem elem) {
    List<PathElem> out = new ArrayList<>(elems);
    out.add(elem);
    return new GnmiPath(origin, out);
  }

  public GnmiPath child(String name) {
    return child(PathElem.of(name));
  }

  public GnmiPath child(String name, String key, String value) {
    return child(PathElem.of(name, key, value));
  }

  /**
   * This path followed by the elements of {@code relative}, as a prefix and a path in a gNMI
   * message combine. The origin is this one's, or the relative path's when this one has none.
   */
  public GnmiPath append(GnmiPath relative) {
    if (relative.elems.isEmpty() && relative.origin.isEmpty()) {
      return this;
    }
    List<PathElem> out = new ArrayList<>(elems);
    out.addAll(relative.elems);
    return new GnmiPath(origin.isEmpty() ? relative.origin : origin, out);
  }

  /** Whether this path lies at or below {@code prefix} (same origin, same leading elements). */
  public boolean startsWith(GnmiPath prefix) {
    return origin.equals(prefix.origin)
        && prefix.elems.size() <= elems.size()
        && elems.subList(0, prefix.elems.size()).equals(prefix.elems);
  }

  public boolean isRoot() {
    return elems.isEmpty();
  }

  /** The last element; the root has none. */
  public PathElem last() {
    if (elems.isEmpty()) {
      throw new GnmiPathException("the root path has no last element");
    }
    return elems.getLast();
  }

  /** The value of a key of the first element with this name, or null when there is none. */
  public String keyOf(String elemName, String keyName) {
    for (PathElem e : elems) {
      if (e.name().equals(elemName)) {
        return e.keys().get(keyName);
      }
    }
    return null;
  }

  /** The string form, which {@link #parse} reads back to an equal path. */
  @Override
  public String toString() {
    return PathSyntax.print(this);
  }
}
