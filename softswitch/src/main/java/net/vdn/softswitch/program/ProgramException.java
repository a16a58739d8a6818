package net.vdn.softswitch.program;

/**
 * A BMv2 JSON program that cannot be loaded: malformed, inconsistent, or using a feature this
 * target does not implement. The message names the JSON object (and key) at fault.
 */
public class ProgramException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProgramException(String message) {
    super(message);
  }

  public ProgramException(String message, Throwable cause) {
    super(message, cause);
  }
}
