package net.vdn.softswitch.runtime;

/**
 * Stops the processing of one packet (a failed assertion, a header stack index out of bounds, a
 * parser error). Instances are preallocated and carry no stack trace: they are part of the fast
 * path, not a bug report.
 */
public final class PacketFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final PacketFault PACKET_TOO_SHORT = new PacketFault("PacketTooShort");
  public static final PacketFault STACK_OUT_OF_BOUNDS = new PacketFault("StackOutOfBounds");
  public static final PacketFault ASSERTION = new PacketFault("assertion failed");
  public static final PacketFault NO_MATCH = new PacketFault("NoMatch");
  public static final PacketFault PARSER_TIMEOUT = new PacketFault("ParserTimeout");

  /** A failed parser {@code verify}; the error code is already in the header vector. */
  public static final PacketFault VERIFY_FAILED = new PacketFault("verify failed");

  private PacketFault(String reason) {
    super(reason, null, false, false);
  }
}
