package net.vdn.softswitch.program;

/** A well-formed program that uses a feature this target refuses to run. */
public final class UnsupportedFeatureException extends ProgramException {
  private static final long serialVersionUID = 1L;

  public UnsupportedFeatureException(String message) {
    super(message);
  }
}
