package net.vdn.optical.tl1;

/** What a {@link Tl1Client} reports to its listeners. */
public sealed interface Tl1Event {

  /** An autonomous message (alarm or event report) from the NE. */
  record Autonomous(Tl1Message.Autonomous message) implements Tl1Event {}

  /** The connection broke; the client reconnects by itself. */
  record Disconnected(String reason) implements Tl1Event {}

  /** The client reconnected and logged in again. */
  record Reconnected(int attempt) implements Tl1Event {}

  /** The NE sent something that is not TL1; it was dropped. */
  record ProtocolError(Tl1Message.Malformed message) implements Tl1Event {}
}
