package net.vdn.softswitch.runtime;

import java.util.Arrays;

/**
 * A byte-string hash key. Stored keys are never changed; each worker's {@link Scratch} holds one
 * mutable instance that serves as the probe of its look-ups so that they do not allocate.
 */
public final class ByteKey {
  private byte[] bytes;
  private int hash;

  public ByteKey(byte[] bytes) {
    set(bytes);
  }

  /** Makes this key stand for {@code b} (which the key then shares). */
  public void set(byte[] b) {
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
