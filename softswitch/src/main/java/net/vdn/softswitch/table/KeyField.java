package net.vdn.softswitch.table;

import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.runtime.Bits;
import net.vdn.softswitch.runtime.Phv;

/**
 * One field of a table key: what it matches on and where its {@code ceil(width/8)} big-endian bytes
 * sit in the packed key. {@code field} is null for a header validity match on {@code header}.
 */
public record KeyField(
    String name,
    MatchKind kind,
    int width,
    int offset,
    int bytes,
    FieldInfo field,
    int header,
    byte[] staticMask) {

  /** Writes this field's bytes of the packet's key. */
  void extract(Phv p, byte[] key) {
    if (field == null) {
      key[offset] = (byte) (p.valid[header] ? 1 : 0);
      return;
    }
    if (field.wide()) {
      Bits.wordsToBytes(p.f, field.slot(), field.width(), key, offset);
    } else {
      long v = p.f[field.slot()];
      for (int i = bytes - 1; i >= 0; i--) {
        key[offset + i] = (byte) v;
        v >>>= 8;
      }
    }
    if (staticMask != null) {
      for (int i = 0; i < bytes; i++) {
        key[offset + i] &= staticMask[i];
      }
    }
  }

  /** The value as exactly {@link #bytes} bytes, refusing values wider than the field. */
  byte[] normalize(byte[] value, String what) {
    if (value == null) {
      throw new EntryException(
          EntryException.Kind.INVALID, what + " of key '" + name + "' is null");
    }
    byte[] out = new byte[bytes];
    int start = 0;
    while (start < value.length - bytes && value[start] == 0) {
      start++;
    }
    if (value.length - start > bytes) {
      throw tooWide(what);
    }
    System.arraycopy(value, start, out, bytes - (value.length - start), value.length - start);
    int spare = bytes * 8 - width;
    if (spare > 0 && (out[0] & 0xff) >>> (8 - spare) != 0) {
      throw tooWide(what);
    }
    return out;
  }

  /** A mask of the first {@code prefix} bits of the field, in its key bytes. */
  byte[] prefixMask(int prefix) {
    if (prefix < 0 || prefix > width) {
      throw new EntryException(
          EntryException.Kind.INVALID,
          "prefix length " + prefix + " out of range for " + width + "-bit key '" + name + "'");
    }
    byte[] m = new byte[bytes];
    int start = bytes * 8 - width;
    for (int bit = start; bit < start + prefix; bit++) {
      m[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
    }
    return m;
  }

  byte[] fullMask() {
    return prefixMask(width);
  }

  private EntryException tooWide(String what) {
    return new EntryException(
        EntryException.Kind.INVALID,
        what + " of key '" + name + "' does not fit in " + width + " bits");
  }
}
