package net.vdn.p4runtime.entity;

/** A counter cell's byte and packet counts. */
public record CounterData(long bytes, long packets) {
  public static final CounterData ZERO = new CounterData(0, 0);
}
