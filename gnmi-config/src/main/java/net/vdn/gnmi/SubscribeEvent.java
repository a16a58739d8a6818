package net.vdn.gnmi;

import io.grpc.Status;
import java.time.Duration;

/** What a subscription delivers, in the order the target sent it. */
public sealed interface SubscribeEvent {

  /** Values (or deletions) from the target. */
  record Data(Notification notification) implements SubscribeEvent {}

  /** Every value of the current round has been sent (the initial state, or one poll's answer). */
  record Sync() implements SubscribeEvent {}

  /** A STREAM subscription broke; it is re-established after {@code retryIn}. */
  record Interrupted(Status.Code code, String description, Duration retryIn)
      implements SubscribeEvent {}

  /**
   * The subscription ended and will not come back: a ONCE subscription completed (code OK), the
   * target refused it, or a ONCE or POLL stream broke.
   */
  record Ended(Status.Code code, String description) implements SubscribeEvent {}

  /** The target sent something this client cannot decode; the stream goes on. */
  record Undecodable(String problem) implements SubscribeEvent {}
}
