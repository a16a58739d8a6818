package net.vdn.softswitch.extern;

/** The value of one counter: packets and bytes. */
public record CounterData(long packets, long bytes) {
  public static final CounterData ZERO = new CounterData(0, 0);
}
