package net.vdn.softswitch.p4rt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which field each replica of a multicast group or clone session was written with: {@code
 * egress_port} (deprecated since P4Runtime 1.4, what earlier clients write) or {@code port}. Reads
 * answer in the same field, so a client before 1.4 reads back the ports it wrote. Used under the
 * engine's lock.
 */
final class ReplicaFields {
  private final Map<Integer, boolean[]> groups = new HashMap<>();
  private final Map<Integer, boolean[]> sessions = new HashMap<>();

  void group(int id, List<net.vdn.p4runtime.proto.v1.Replica> written) {
    groups.put(id, legacy(written));
  }

  void session(int id, List<net.vdn.p4runtime.proto.v1.Replica> written) {
    sessions.put(id, legacy(written));
  }

  void removeGroup(int id) {
    groups.remove(id);
  }

  void removeSession(int id) {
    sessions.remove(id);
  }

  /** Whether replica {@code i} of group {@code id} was written with {@code egress_port}. */
  boolean groupLegacy(int id, int i) {
    return at(groups.get(id), i);
  }

  boolean sessionLegacy(int id, int i) {
    return at(sessions.get(id), i);
  }

  private static boolean at(boolean[] flags, int i) {
    return flags != null && i < flags.length && flags[i];
  }

  private static boolean[] legacy(List<net.vdn.p4runtime.proto.v1.Replica> written) {
    boolean[] out = new boolean[written.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          written.get(i).getPortKindCase()
              == net.vdn.p4runtime.proto.v1.Replica.PortKindCase.EGRESS_PORT;
    }
    return out;
  }
}
