package net.vdn.softswitch.table;

import java.util.Arrays;

/**
 * A byte-string hash key. Stored keys are never changed; one mutable instance per table serves as
 * the probe of look-ups so that they do not allocate.
 */
final class ByteKey {
  byte[] bytes;
  int hash;

  ByteKey(byte[] bytes) {
    set(bytes);
  }

  void set(byte[] b) {
    this.bytes = b;
    this.hash = Arrays.hashCode(b);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
  }
}
