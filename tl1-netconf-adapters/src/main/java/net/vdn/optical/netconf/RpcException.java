package net.vdn.optical.netconf;

import java.util.List;
import java.util.stream.Collectors;

/** The server answered an rpc with one or more {@code rpc-error}s of severity error. */
public final class RpcException extends NetconfException {
  private static final long serialVersionUID = 1L;

  private final transient List<RpcError> errors;

  public RpcException(String operation, List<RpcError> errors) {
    super(
        operation
            + " failed: "
            + errors.stream().map(RpcError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  /** Every rpc-error of the reply, in order. */
  public List<RpcError> errors() {
    return errors;
  }

  /** Whether any error has this tag (for example {@code data-exists}). */
  public boolean hasTag(String tag) {
    return errors.stream().anyMatch(e -> e.tag().equals(tag));
  }
}
