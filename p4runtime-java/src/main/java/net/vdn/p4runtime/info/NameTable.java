package net.vdn.p4runtime.info;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.vdn.p4runtime.P4InfoException;

/**
 * Objects of one kind found by their full name, their alias, or any dot-separated suffix of their
 * full name that only one of them has ("slice_classifier" for "IngressPipe.slice_classifier").
 */
public final class NameTable<T> {
  private final String kind;
  private final String scope;
  private final Map<String, T> byFullName = new LinkedHashMap<>();
  private final Map<String, List<T>> bySuffix = new HashMap<>();
  private final Map<Integer, T> byId = new HashMap<>();
  private final Function<T, String> nameOf;

  NameTable(String kind, String scope, Function<T, String> nameOf) {
    this.kind = kind;
    this.scope = scope;
    this.nameOf = nameOf;
  }

  void add(T item, String fullName, String alias, int id) {
    if (byFullName.putIfAbsent(fullName, item) != null) {
      throw new P4InfoException("P4Info has two " + kind + "s named '" + fullName + "'" + scope);
    }
    if (byId.putIfAbsent(id, item) != null) {
      throw new P4InfoException("P4Info has two " + kind + "s with id " + id + scope);
    }
    List<String> keys = new ArrayList<>();
    String rest = fullName;
    int dot;
    while ((dot = rest.indexOf('.')) >= 0) {
      rest = rest.substring(dot + 1);
      keys.add(rest);
    }
    if (alias != null && !alias.isEmpty() && !alias.equals(fullName) && !keys.contains(alias)) {
      keys.add(alias);
    }
    for (String key : keys) {
      bySuffix.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
    }
  }

  /** The object with this name; a precise error when there is none or more than one. */
  public T get(String name) {
    T exact = byFullName.get(name);
    if (exact != null) {
      return exact;
    }
    List<T> candidates = bySuffix.getOrDefault(name, List.of());
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.isEmpty()) {
      throw new P4InfoException("unknown " + kind + " '" + name + "'" + scope + knownList());
    }
    List<String> names = candidates.stream().map(nameOf).sorted().toList();
    throw new P4InfoException(
        "ambiguous " + kind + " '" + name + "'" + scope + ": matches " + String.join(", ", names));
  }

  /** The object with this id, or null. */
  public T byId(int id) {
    return byId.get(id);
  }

  public boolean contains(String name) {
    return byFullName.containsKey(name) || bySuffix.getOrDefault(name, List.of()).size() == 1;
  }

  public Collection<T> all() {
    return Collections.unmodifiableCollection(byFullName.values());
  }

  private String knownList() {
    if (byFullName.isEmpty()) {
      return " (the program has none)";
    }
    if (byFullName.size() > 12) {
      return "";
    }
    return " (known: " + String.join(", ", byFullName.keySet()) + ")";
  }
}
