package net.vdn.p4runtime;

import io.grpc.Status;

/**
 * The target's answer for one update of a batch, decoded from its {@code p4.v1.Error}.
 *
 * @param space namespace of {@code targetCode}, empty when the target gave none
 */
public record UpdateResult(
    int index, Update update, Status.Code code, String message, String space, int targetCode) {
  public boolean ok() {
    return code == Status.Code.OK;
  }

  @Override
  public String toString() {
    return "#"
        + index
        + " "
        + update.type()
        + " "
        + code
        + (message.isEmpty() ? "" : ": " + message);
  }
}
