package net.vdn.controller.path;

import java.util.List;

/**
 * What a slice claims besides rate, admitted with it in one step: its slice id and edge ports, and
 * what the slice must hold when the claim is made ({@link Holding#NONE} for a new slice; null to
 * replace whatever it holds).
 */
public record Claims(int sliceId, List<EdgeClaim> edges, Holding expected) {
  /** Rate only, replacing whatever the slice held. */
  public static final Claims NONE = new Claims(0, List.of(), null);

  public Claims {
    edges = List.copyOf(edges);
  }
}
