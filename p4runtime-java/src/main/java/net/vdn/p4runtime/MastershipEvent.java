package net.vdn.p4runtime;

import io.grpc.Status;

/** What happened to this client's standing in arbitration. */
public sealed interface MastershipEvent {
  /** This client is now primary for its role. */
  record BecamePrimary(ElectionId electionId) implements MastershipEvent {}

  /** Another client is primary (or this one lost to a higher election id). */
  record BecameBackup(ElectionId primaryElectionId) implements MastershipEvent {}

  /**
   * There is no primary any more: the primary went away, or this client's own stream broke. The
   * client reconnects by itself; a new {@code BecamePrimary} or {@code BecameBackup} follows.
   */
  record PrimaryLost(Status.Code code, String reason) implements MastershipEvent {}
}
