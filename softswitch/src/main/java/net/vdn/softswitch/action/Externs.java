package net.vdn.softswitch.action;

import java.util.function.LongSupplier;
import net.vdn.softswitch.extern.Calculation;
import net.vdn.softswitch.extern.CounterArray;
import net.vdn.softswitch.extern.MeterArray;
import net.vdn.softswitch.extern.RegisterArray;
import net.vdn.softswitch.program.StandardMetadata;

/** What primitives refer to by name: the program's stateful objects and the target's clock. */
public interface Externs {
  CounterArray counter(String name);

  MeterArray meter(String name);

  RegisterArray register(String name);

  Calculation calculation(String name);

  boolean hasFieldList(int id);

  boolean hasLearnList(int id);

  StandardMetadata standardMetadata();

  /** Monotonic time in nanoseconds. */
  LongSupplier clock();

  /** Uniform random numbers for {@code modify_field_rng_uniform}. */
  java.util.random.RandomGenerator random();
}
