package net.vdn.softswitch.action;

import java.util.function.Consumer;
import net.vdn.softswitch.runtime.Phv;

/** One compiled primitive call: runs and returns the index of the next primitive to run. */
@FunctionalInterface
public interface Step {
  /** Sentinel "next" index that ends the action. */
  int END = Integer.MAX_VALUE;

  int run(Phv p, int pc);

  /** A step that always continues with the next primitive. */
  static Step of(Consumer<Phv> body) {
    return (p, pc) -> {
      body.accept(p);
      return pc + 1;
    };
  }
}
