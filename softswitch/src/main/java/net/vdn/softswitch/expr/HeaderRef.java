package net.vdn.softswitch.expr;

import net.vdn.softswitch.runtime.Phv;

/** A header instance, fixed or chosen at run time (a stack element with a computed index). */
@FunctionalInterface
public interface HeaderRef {
  /** The header instance index. */
  int resolve(Phv p);
}
