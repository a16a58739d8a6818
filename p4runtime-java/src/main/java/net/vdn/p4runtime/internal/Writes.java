package net.vdn.p4runtime.internal;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.UpdateResult;
import net.vdn.p4runtime.WriteResult;
import net.vdn.p4runtime.proto.v1.WriteRequest;

/**
 * Write RPCs: every update validated and encoded before anything is sent, and the target's answer
 * decoded into one result per update.
 */
public final class Writes {
  private final Connection connection;
  private final StreamSession stream;

  public Writes(Connection connection, StreamSession stream) {
    this.connection = connection;
    this.stream = stream;
  }

  public WriteResult write(List<Update> updates, P4RuntimeClient.Atomicity atomicity) {
    EntityCodec c = connection.codec();
    var req =
        WriteRequest.newBuilder()
            .setDeviceId(connection.options().deviceId())
            .setRole(connection.options().role())
            .setAtomicity(WriteRequest.Atomicity.valueOf(atomicity.name()));
    for (int i = 0; i < updates.size(); i++) {
      req.addUpdates(c.update(i, updates.get(i)));
    }
    stream.requirePrimary("write");
    req.setElectionId(stream.electionId().toProto());
    return send(req.build(), updates);
  }

  /** Sends a pre-built request as is; the results carry no update. */
  public WriteResult writeRaw(WriteRequest request) {
    List<Update> none = new ArrayList<>();
    for (int i = 0; i < request.getUpdatesCount(); i++) {
      none.add(null);
    }
    return send(request, none);
  }

  private WriteResult send(WriteRequest request, List<Update> updates) {
    List<UpdateResult> results = new ArrayList<>(updates.size());
    try {
      connection.blocking().write(request);
      for (int i = 0; i < updates.size(); i++) {
        results.add(new UpdateResult(i, updates.get(i), Status.Code.OK, "", "", 0));
      }
      return new WriteResult(results);
    } catch (StatusRuntimeException e) {
      com.google.rpc.Status details = StatusProto.fromThrowable(e);
      if (details == null || details.getDetailsCount() != updates.size()) {
        throw connection.rpcError("Write", e);
      }
      for (int i = 0; i < updates.size(); i++) {
        results.add(updateResult(i, updates.get(i), details.getDetails(i)));
      }
      return new WriteResult(results);
    }
  }

  private static UpdateResult updateResult(int i, Update update, Any detail) {
    try {
      var err = detail.unpack(net.vdn.p4runtime.proto.v1.Error.class);
      return new UpdateResult(
          i,
          update,
          Status.fromCodeValue(err.getCanonicalCode()).getCode(),
          err.getMessage(),
          err.getSpace(),
          err.getCode());
    } catch (InvalidProtocolBufferException e) {
      return new UpdateResult(
          i, update, Status.Code.UNKNOWN, "undecodable error detail " + detail.getTypeUrl(), "", 0);
    }
  }
}
