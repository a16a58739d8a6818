package net.vdn.controller.cluster.impl;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import net.vdn.controller.cluster.ClusterConfig;

/**
 * Which members are alive, as this member sees it: each member's heartbeat as last seen (its key's
 * revision and when it moved), this member's own last heartbeat that went through, and the members
 * a switch has reported gone. Another member is taken for dead when its heartbeat has stayed still
 * for the failure timeout — or, while a switch's word that its stream ended is fresh and it has not
 * beaten since, for the shorter suspicion timeout.
 */
final class Liveness {
  /** What this member knows of another member's heartbeat. */
  record Seen(Membership.MemberRecord record, long modRevision, long at) {}

  private final ClusterConfig config;
  private final String me;
  private final Map<String, Seen> members = new ConcurrentHashMap<>();

  /** Members a switch has reported gone (their stream to it ended), and since when (nanos). */
  private final Map<String, Long> suspects = new ConcurrentHashMap<>();

  private volatile long lastBeat;

  Liveness(ClusterConfig config, String me) {
    this.config = config;
    this.me = me;
  }

  /** This member's heartbeat sent at {@code sentNanos} went through. */
  void beat(long sentNanos) {
    lastBeat = sentNanos;
  }

  /** Whether this member's heartbeat went through recently enough for it to keep writing. */
  boolean selfAlive() {
    long margin = config.heartbeat().toNanos();
    return System.nanoTime() - lastBeat < config.failureTimeout().toNanos() - margin;
  }

  /** A member's key moved; true when the member was not known before. */
  boolean seen(String name, Membership.MemberRecord r, long modRevision) {
    return members.put(name, new Seen(r, modRevision, System.nanoTime())) == null;
  }

  void left(String name) {
    members.remove(name);
  }

  Seen get(String name) {
    return members.get(name);
  }

  Set<String> known() {
    return new TreeSet<>(members.keySet());
  }

  /** The members taken for alive now. */
  Set<String> live() {
    long now = System.nanoTime();
    Set<String> out = new TreeSet<>();
    members.forEach(
        (name, s) -> {
          if (name.equals(me) ? selfAlive() : now - s.at() < timeout(name, s, now)) {
            out.add(name);
          }
        });
    return out;
  }

  private long timeout(String name, Seen s, long now) {
    Long since = suspects.get(name);
    if (since != null && (s.at() > since || now - since > config.failureTimeout().toNanos())) {
      suspects.remove(name, since);
      since = null;
    }
    return since == null ? config.failureTimeout().toNanos() : suspicionTimeout();
  }

  /** Two and a half heartbeats (at most the failure timeout): a live member beats in that time. */
  private long suspicionTimeout() {
    return Math.min(config.failureTimeout().toNanos(), config.heartbeat().toNanos() * 5 / 2);
  }

  /**
   * A switch reported the member's stream gone: returns in how many milliseconds the member is
   * taken for dead unless it beats, or -1 when it is this member or already suspected.
   */
  long suspect(String member) {
    if (member.equals(me) || suspects.containsKey(member)) {
      return -1;
    }
    Seen s = members.get(member);
    long now = System.nanoTime();
    suspects.put(member, now);
    long still = s == null ? 0 : now - s.at();
    return Math.max(0, suspicionTimeout() - still) / 1_000_000 + 1;
  }
}
