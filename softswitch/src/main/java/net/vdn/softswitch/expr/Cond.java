package net.vdn.softswitch.expr;

import net.vdn.softswitch.runtime.Phv;

/** A compiled boolean expression. */
@FunctionalInterface
public interface Cond {
  boolean test(Phv p);
}
