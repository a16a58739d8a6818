package net.vdn.softswitch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.vdn.softswitch.table.EntryException;

/**
 * The packet replication engine: multicast groups and clone sessions, programmed by the control
 * plane. Not thread-safe by itself: use it under {@link Switch#lock()}.
 */
public final class ReplicationEngine {
  private final Map<Integer, MulticastGroup> groups = new TreeMap<>();
  private final Map<Integer, CloneSession> sessions = new TreeMap<>();

  public void insertGroup(MulticastGroup g) {
    check(g.id(), g.replicas(), "multicast group");
    if (groups.containsKey(g.id())) {
      throw new EntryException(
          EntryException.Kind.DUPLICATE, "multicast group " + g.id() + " exists");
    }
    groups.put(g.id(), g);
  }

  public void modifyGroup(MulticastGroup g) {
    check(g.id(), g.replicas(), "multicast group");
    existing(groups, g.id(), "multicast group");
    groups.put(g.id(), g);
  }

  public void deleteGroup(int id) {
    existing(groups, id, "multicast group");
    groups.remove(id);
  }

  public List<MulticastGroup> groups() {
    return new ArrayList<>(groups.values());
  }

  MulticastGroup group(int id) {
    return groups.get(id);
  }

  public void insertSession(CloneSession s) {
    check(s.id(), s.replicas(), "clone session");
    if (sessions.containsKey(s.id())) {
      throw new EntryException(
          EntryException.Kind.DUPLICATE, "clone session " + s.id() + " exists");
    }
    sessions.put(s.id(), s);
  }

  public void modifySession(CloneSession s) {
    check(s.id(), s.replicas(), "clone session");
    existing(sessions, s.id(), "clone session");
    sessions.put(s.id(), s);
  }

  public void deleteSession(int id) {
    existing(sessions, id, "clone session");
    sessions.remove(id);
  }

  public List<CloneSession> sessions() {
    return new ArrayList<>(sessions.values());
  }

  CloneSession session(int id) {
    return sessions.get(id);
  }

  private static void check(int id, List<Replica> replicas, String what) {
    if (id <= 0) {
      throw new EntryException(
          EntryException.Kind.INVALID, what + " id must be positive, got " + id);
    }
    if (new HashSet<>(replicas).size() != replicas.size()) {
      throw new EntryException(
          EntryException.Kind.INVALID, what + " " + id + " has duplicate replicas");
    }
  }

  private static void existing(Map<Integer, ?> m, int id, String what) {
    if (!m.containsKey(id)) {
      throw new EntryException(EntryException.Kind.NOT_FOUND, "no " + what + " " + id);
    }
  }
}
