package net.vdn.softswitch.program;

/** A header stack: its element header instances in index order. */
public record StackInfo(String name, int index, String typeName, int[] headers) {

  public int size() {
    return headers.length;
  }
}
