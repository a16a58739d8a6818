package net.vdn.softswitch.program;

/**
 * One field of a header instance: its width in bits, its first slot in the packet header vector
 * (fields wider than 64 bits take {@code ceil(width / 64)} consecutive slots, least significant
 * word first) and its bit offset inside the header as it appears on the wire.
 */
public record FieldInfo(String name, int width, int slot, int bitOffset, boolean signed) {

  public int words() {
    return (width + 63) >>> 6;
  }

  public boolean wide() {
    return width > 64;
  }
}
