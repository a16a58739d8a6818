package net.vdn.gnmi;

/** A value that cannot be encoded or decoded: unknown or unsupported type, or out of range. */
public final class GnmiValueException extends GnmiException {
  public GnmiValueException(String message) {
    super(message);
  }
}
