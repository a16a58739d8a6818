package net.vdn.p4runtime;

import java.math.BigInteger;
import net.vdn.p4runtime.proto.v1.Uint128;

/** A 128-bit election id; higher wins arbitration. Compared as an unsigned number. */
public record ElectionId(long high, long low) implements Comparable<ElectionId> {
  public static final ElectionId ZERO = new ElectionId(0, 0);

  public static ElectionId of(long low) {
    return new ElectionId(0, low);
  }

  public static ElectionId of(Uint128 proto) {
    return new ElectionId(proto.getHigh(), proto.getLow());
  }

  public Uint128 toProto() {
    return Uint128.newBuilder().setHigh(high).setLow(low).build();
  }

  /** The next id up, carrying into the high word. */
  public ElectionId next() {
    return low == -1L ? new ElectionId(high + 1, 0) : new ElectionId(high, low + 1);
  }

  public BigInteger toBigInteger() {
    return new BigInteger(Long.toUnsignedString(high))
        .shiftLeft(64)
        .add(new BigInteger(Long.toUnsignedString(low)));
  }

  @Override
  public int compareTo(ElectionId o) {
    int c = Long.compareUnsigned(high, o.high);
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  @Override
  public String toString() {
    return high == 0 ? Long.toUnsignedString(low) : high + ":" + Long.toUnsignedString(low);
  }
}
