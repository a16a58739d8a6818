package net.vdn.softswitch;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How a switch runs a program: the CPU port (-1 for none), the clock of meters and timestamps
 * (nanoseconds, injectable so tests are deterministic), the seed of random numbers, and where
 * digests go.
 */
public record SwitchConfig(
    int cpuPort, LongSupplier clock, long randomSeed, Consumer<Digest> digests) {

  public static SwitchConfig defaults() {
    return new SwitchConfig(-1, System::nanoTime, 0, d -> {});
  }

  public SwitchConfig withCpuPort(int port) {
    return new SwitchConfig(port, clock, randomSeed, digests);
  }

  public SwitchConfig withClock(LongSupplier nanos) {
    return new SwitchConfig(cpuPort, nanos, randomSeed, digests);
  }

  public SwitchConfig withDigests(Consumer<Digest> sink) {
    return new SwitchConfig(cpuPort, clock, randomSeed, sink);
  }
}
