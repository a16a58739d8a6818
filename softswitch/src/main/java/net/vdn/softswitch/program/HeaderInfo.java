package net.vdn.softswitch.program;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A header (or metadata) instance: its fields, its size on the wire and where its slots start. */
public final class HeaderInfo {
  private final String name;
  private final int index;
  private final String typeName;
  private final boolean metadata;
  private final List<FieldInfo> fields;
  private final FieldInfo[] fieldArray;
  private final Map<String, FieldInfo> byName = new HashMap<>();
  private final int bits;
  private final int firstSlot;
  private final int slotCount;

  public HeaderInfo(
      String name, int index, String typeName, boolean metadata, List<FieldInfo> fields) {
    this.name = name;
    this.index = index;
    this.typeName = typeName;
    this.metadata = metadata;
    this.fields = List.copyOf(fields);
    this.fieldArray = fields.toArray(new FieldInfo[0]);
    int total = 0;
    int slots = 0;
    for (FieldInfo f : fields) {
      byName.put(f.name(), f);
      total += f.width();
      slots += f.words();
    }
    this.bits = total;
    this.firstSlot = fields.isEmpty() ? 0 : fields.get(0).slot();
    this.slotCount = slots;
  }

  public String name() {
    return name;
  }

  public int index() {
    return index;
  }

  public String typeName() {
    return typeName;
  }

  public boolean metadata() {
    return metadata;
  }

  public List<FieldInfo> fields() {
    return fields;
  }

  /** The fields as an array, for loops on the per-packet path; callers must not modify it. */
  public FieldInfo[] fieldArray() {
    return fieldArray;
  }

  public FieldInfo field(String fieldName) {
    return byName.get(fieldName);
  }

  /** Width on the wire in bits. */
  public int bits() {
    return bits;
  }

  public int firstSlot() {
    return firstSlot;
  }

  public int slotCount() {
    return slotCount;
  }

  @Override
  public String toString() {
    return "header '" + name + "'";
  }
}
