package net.vdn.optical;

/**
 * A device refused or could not carry out a channel operation. When {@link #kind()} is anything but
 * {@link Kind#UNCERTAIN}, the device holds exactly what it held before the call.
 */
public final class OpticalException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The device cannot be reached, or the session to it broke. */
    UNREACHABLE,
    /** The device refused the change (bad value, unknown port, conflict on a wavelength). */
    REJECTED,
    /** A channel of that name already exists. */
    ALREADY_EXISTS,
    /** No channel of that name exists. */
    NOT_FOUND,
    /** The device did not answer in time; what it did was checked and undone. */
    TIMEOUT,
    /** The device answered something that does not follow its protocol. */
    PROTOCOL,
    /**
     * The change failed and undoing it failed too: the device may hold part of it. The controller
     * should read the device back ({@link OpticalDevice#list()}) before going on.
     */
    UNCERTAIN
  }

  private final Kind kind;
  private final String device;

  public OpticalException(Kind kind, String device, String message, Throwable cause) {
    super(device + ": " + message, cause);
    this.kind = kind;
    this.device = device;
  }

  public OpticalException(Kind kind, String device, String message) {
    this(kind, device, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The device's name as given to its driver. */
  public String device() {
    return device;
  }
}
