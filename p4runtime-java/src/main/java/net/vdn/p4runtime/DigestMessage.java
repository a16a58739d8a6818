package net.vdn.p4runtime;

import java.util.List;
import java.util.Map;

/**
 * A digest list from the target. Each item is decoded into its members by name when the digest
 * carries a struct, header or tuple of bit-strings (a lone bit-string is named "value").
 */
public record DigestMessage(
    String digest, int digestId, long listId, List<Map<String, Value>> items, long timestampNs) {
  public DigestMessage {
    items = List.copyOf(items);
  }
}
