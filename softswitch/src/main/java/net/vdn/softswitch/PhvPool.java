package net.vdn.softswitch;

import java.util.ArrayDeque;
import net.vdn.softswitch.program.Layout;
import net.vdn.softswitch.runtime.Phv;
import net.vdn.softswitch.runtime.Scratch;

/**
 * The packet header vectors of one worker of a switch: the one every received packet is processed
 * in, and spares for copies (replicas, clones, preserved metadata), reused so that processing does
 * not allocate once warm.
 */
final class PhvPool {
  private static final int MAX_SPARES = 64;

  private final Layout layout;
  private final Scratch scratch;
  private final Phv main;
  private final ArrayDeque<Phv> spare = new ArrayDeque<>();

  /** Vectors for one worker, all sharing its {@code scratch}. */
  PhvPool(Layout layout, Scratch scratch) {
    this.layout = layout;
    this.scratch = scratch;
    this.main = newPhv();
  }

  /** The vector a received packet starts in. */
  Phv main() {
    return main;
  }

  /** A spare vector, in whatever state it was released. */
  Phv acquire() {
    Phv p = spare.poll();
    return p != null ? p : newPhv();
  }

  /** A spare vector holding a copy of {@code src}. */
  Phv copyOf(Phv src) {
    Phv c = acquire();
    c.copyFrom(src);
    return c;
  }

  /** Gives back a vector from {@link #acquire} or {@link #copyOf}. */
  void release(Phv p) {
    if (p != main && spare.size() < MAX_SPARES) {
      spare.push(p);
    }
  }

  private Phv newPhv() {
    return new Phv(layout.slots(), layout.headers().size(), layout.stacks().size(), scratch);
  }
}
