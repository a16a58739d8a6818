package net.vdn.softswitch;

import java.util.List;

/**
 * A clone (mirror) session: the replicas a cloned packet goes to, and the length to which clones
 * are truncated (0 = whole packet), as P4Runtime's {@code CloneSessionEntry} describes.
 */
public record CloneSession(int id, List<Replica> replicas, int classOfService, int truncateLength) {
  public CloneSession {
    replicas = List.copyOf(replicas);
    if (truncateLength < 0) {
      throw new IllegalArgumentException("truncate length must not be negative");
    }
  }
}
