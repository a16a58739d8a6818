package net.vdn.gnmi;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One element of a {@link GnmiPath}: a name and, for an entry of a keyed list, its keys. Keys are
 * kept sorted by name, which is also the order in which they are printed.
 *
 * @param name the element's name; never empty
 * @param keys key name to value; names never empty, values may be empty
 */
public record PathElem(String name, SortedMap<String, String> keys) {
  public PathElem {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new GnmiPathException("a path element needs a name");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    if (keys != null) {
      for (Map.Entry<String, String> e : keys.entrySet()) {
        if (e.getKey() == null || e.getKey().isEmpty()) {
          throw new GnmiPathException("element '" + name + "' has a key with an empty name");
        }
        if (e.getValue() == null) {
          throw new GnmiPathException(
              "element '" + name + "' key '" + e.getKey() + "' has no value");
        }
        copy.put(e.getKey(), e.getValue());
      }
    }
    keys = Collections.unmodifiableSortedMap(copy);
  }

  public static PathElem of(String name) {
    return new PathElem(name, null);
  }

  public static PathElem of(String name, Map<String, String> keys) {
    return new PathElem(name, new TreeMap<>(keys));
  }

  public static PathElem of(String name, String key, String value) {
    return of(name, Map.of(key, value));
  }

  /** The element in path syntax, for example {@code interface[name=1]}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    PathSyntax.appendElem(out, this);
    return out.toString();
  }
}
