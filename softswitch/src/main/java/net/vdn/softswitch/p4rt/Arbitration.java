package net.vdn.softswitch.p4rt;

import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.p4runtime.ElectionId;
import net.vdn.p4runtime.proto.v1.MasterArbitrationUpdate;
import net.vdn.p4runtime.proto.v1.Role;
import net.vdn.p4runtime.proto.v1.StreamMessageResponse;

/**
 * Who is primary, per role. The client with the highest election id of a role is its primary; every
 * client of the role hears of each change (OK for the primary, ALREADY_EXISTS for backups, with the
 * primary's election id). When the primary's stream ends, the next highest becomes primary.
 * Election ids are unique per role.
 */
final class Arbitration {
  /** One client's stream and its standing. */
  static final class Client {
    final StreamObserver<StreamMessageResponse> out;
    String role;
    ElectionId electionId;

    Client(StreamObserver<StreamMessageResponse> out) {
      this.out = out;
    }

    synchronized void send(StreamMessageResponse m) {
      try {
        out.onNext(m);
      } catch (RuntimeException e) {
        // The stream is closing; its end is handled by the stream's own callbacks.
      }
    }
  }

  private final long deviceId;
  private final Map<StreamObserver<StreamMessageResponse>, Client> clients = new LinkedHashMap<>();

  Arbitration(long deviceId) {
    this.deviceId = deviceId;
  }

  synchronized Client open(StreamObserver<StreamMessageResponse> out) {
    Client c = new Client(out);
    clients.put(out, c);
    return c;
  }

  /** Handles an arbitration update; returns an error status to end the stream with, or null. */
  synchronized Status update(Client c, MasterArbitrationUpdate u) {
    if (u.getDeviceId() != deviceId) {
      return Status.NOT_FOUND.withDescription(
          "no device with id " + u.getDeviceId() + " (this is " + deviceId + ")");
    }
    if (!u.hasElectionId()) {
      return Status.INVALID_ARGUMENT.withDescription("arbitration without an election id");
    }
    String role = u.hasRole() ? u.getRole().getName() : "";
    ElectionId id = ElectionId.of(u.getElectionId());
    if (c.role != null && !c.role.equals(role)) {
      return Status.FAILED_PRECONDITION.withDescription("a stream cannot change its role");
    }
    for (Client other : clients.values()) {
      if (other != c && role.equals(other.role) && id.equals(other.electionId)) {
        return Status.INVALID_ARGUMENT.withDescription(
            "election id " + id + " is already in use for role '" + role + "'");
      }
    }
    c.role = role;
    c.electionId = id;
    announce(role);
    return null;
  }

  synchronized void close(Client c) {
    if (clients.remove(c.out) != null && c.role != null) {
      announce(c.role);
    }
  }

  /** The primary's election id for a role, or null when the role has no client. */
  synchronized ElectionId primary(String role) {
    ElectionId top = null;
    for (Client c : clients.values()) {
      if (role.equals(c.role) && (top == null || c.electionId.compareTo(top) > 0)) {
        top = c.electionId;
      }
    }
    return top;
  }

  /** Whether a request with this role and election id comes from the primary. */
  synchronized boolean isPrimary(String role, ElectionId id) {
    ElectionId top = primary(role);
    return top != null && top.equals(id);
  }

  /** Streams of the primary client of the default role and of every role, for packet-ins. */
  synchronized List<Client> primaries() {
    List<Client> out = new ArrayList<>();
    for (Client c : clients.values()) {
      if (c.role != null && c.electionId.equals(primary(c.role))) {
        out.add(c);
      }
    }
    return out;
  }

  private void announce(String role) {
    ElectionId top = primary(role);
    for (Client c : clients.values()) {
      if (!role.equals(c.role)) {
        continue;
      }
      boolean primary = c.electionId.equals(top);
      var update =
          MasterArbitrationUpdate.newBuilder()
              .setDeviceId(deviceId)
              .setElectionId(top.toProto())
              .setStatus(
                  com.google.rpc.Status.newBuilder()
                      .setCode(primary ? Code.OK_VALUE : Code.ALREADY_EXISTS_VALUE)
                      .setMessage(primary ? "primary" : "backup"));
      if (!role.isEmpty()) {
        update.setRole(Role.newBuilder().setName(role));
      }
      c.send(StreamMessageResponse.newBuilder().setArbitration(update).build());
    }
  }
}
