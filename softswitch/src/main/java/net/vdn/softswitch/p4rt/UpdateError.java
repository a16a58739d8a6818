package net.vdn.softswitch.p4rt;

import com.google.rpc.Code;

/** Why one update (or one read filter) failed, with the specification's canonical code. */
final class UpdateError extends RuntimeException {
  private final Code code;

  UpdateError(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  Code code() {
    return code;
  }

  static UpdateError invalid(String message) {
    return new UpdateError(Code.INVALID_ARGUMENT, message);
  }

  static UpdateError notFound(String message) {
    return new UpdateError(Code.NOT_FOUND, message);
  }

  static UpdateError unimplemented(String message) {
    return new UpdateError(Code.UNIMPLEMENTED, message);
  }
}
