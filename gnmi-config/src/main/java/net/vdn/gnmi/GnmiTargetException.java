package net.vdn.gnmi;

import io.grpc.Status;

/** The target refused or failed an RPC, or could not be reached. */
public final class GnmiTargetException extends GnmiException {
  private final Status.Code code;

  public GnmiTargetException(String message, Status.Code code, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The gRPC status code the target answered with (UNAVAILABLE when it could not be reached). */
  public Status.Code code() {
    return code;
  }
}
