package net.vdn.softswitch.program;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every header, field and header stack of a program lives in the packet header vector. Built
 * once at load time from {@code header_types}, {@code headers} and {@code header_stacks}.
 */
public final class Layout {
  /** The hidden one-bit field that reads a header's validity. */
  public static final String VALID_FIELD = "$valid$";

  private final List<HeaderInfo> headers = new ArrayList<>();
  private final Map<String, HeaderInfo> headersByName = new HashMap<>();
  private final Map<Integer, HeaderInfo> headersById = new HashMap<>();
  private final List<StackInfo> stacks = new ArrayList<>();
  private final Map<String, StackInfo> stacksByName = new HashMap<>();
  private final int slots;

  public Layout(Json root) {
    Map<String, Json> types = new HashMap<>();
    for (Json t : root.list("header_types", "header_type")) {
      String name = t.str("name");
      if (types.put(name, t) != null) {
        throw t.error("duplicate header type name");
      }
    }
    int slot = 0;
    for (Json h : root.list("headers", "header")) {
      String name = h.str("name");
      String typeName = h.str("header_type");
      Json type = types.get(typeName);
      if (type == null) {
        throw h.error("unknown header_type '" + typeName + "'");
      }
      List<FieldInfo> fields = new ArrayList<>();
      int bitOffset = 0;
      for (JsonNode f : type.array("fields")) {
        if (!f.isArray() || f.size() < 2 || !f.get(0).isTextual()) {
          throw type.error("malformed field " + f);
        }
        String fieldName = f.get(0).asText();
        if (!f.get(1).isIntegralNumber()) {
          throw type.unsupported("unsupported variable-length field '" + fieldName + "'");
        }
        int width = f.get(1).asInt();
        if (width <= 0) {
          throw type.error("field '" + fieldName + "' has width " + width);
        }
        boolean signed = f.size() > 2 && f.get(2).asBoolean(false);
        FieldInfo info = new FieldInfo(fieldName, width, slot, bitOffset, signed);
        fields.add(info);
        slot += info.words();
        bitOffset += width;
      }
      boolean metadata = h.bool("metadata", false);
      HeaderInfo info = new HeaderInfo(name, headers.size(), typeName, metadata, fields);
      if (headersByName.put(name, info) != null) {
        throw h.error("duplicate header name");
      }
      headersById.put(h.integer("id"), info);
      headers.add(info);
    }
    this.slots = slot;
    for (Json s : root.list("header_stacks", "header_stack")) {
      List<JsonNode> ids = s.array("header_ids");
      int[] members = new int[ids.size()];
      for (int i = 0; i < members.length; i++) {
        HeaderInfo member = headersById.get(ids.get(i).asInt(-1));
        if (member == null) {
          throw s.error("unknown header id " + ids.get(i) + " in 'header_ids'");
        }
        members[i] = member.index();
      }
      StackInfo info = new StackInfo(s.str("name"), stacks.size(), s.str("header_type"), members);
      stacksByName.put(info.name(), info);
      stacks.add(info);
    }
    for (String key : List.of("header_unions", "header_union_stacks")) {
      if (!root.array(key).isEmpty()) {
        throw new UnsupportedFeatureException("unsupported '" + key + "' (header unions)");
      }
    }
  }

  public List<HeaderInfo> headers() {
    return headers;
  }

  public List<StackInfo> stacks() {
    return stacks;
  }

  public int slots() {
    return slots;
  }

  public HeaderInfo header(String name, Json ctx) {
    HeaderInfo h = headersByName.get(name);
    if (h == null) {
      throw ctx.error("unknown header '" + name + "'");
    }
    return h;
  }

  /** The header, or null when absent. */
  public HeaderInfo findHeader(String name) {
    return headersByName.get(name);
  }

  public StackInfo stack(String name, Json ctx) {
    StackInfo s = stacksByName.get(name);
    if (s == null) {
      throw ctx.error("unknown header stack '" + name + "'");
    }
    return s;
  }

  /**
   * A field given as a JSON 2-tuple {@code [header, field]}; the hidden validity field excluded.
   */
  public FieldInfo field(JsonNode ref, Json ctx) {
    HeaderInfo h = headerOf(ref, ctx);
    String fieldName = ref.get(1).asText();
    FieldInfo f = h.field(fieldName);
    if (f == null) {
      throw ctx.error("unknown field '" + fieldName + "' of header '" + h.name() + "'");
    }
    return f;
  }

  public HeaderInfo headerOf(JsonNode ref, Json ctx) {
    if (ref == null || !ref.isArray() || ref.size() != 2 || !ref.get(0).isTextual()) {
      throw ctx.error("malformed field reference " + ref);
    }
    return header(ref.get(0).asText(), ctx);
  }
}
