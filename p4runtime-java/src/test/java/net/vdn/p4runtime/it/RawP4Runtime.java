package net.vdn.p4runtime.it;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.proto.v1.Entity;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;
import net.vdn.p4runtime.proto.v1.ReadRequest;
import net.vdn.p4runtime.proto.v1.ReadResponse;
import net.vdn.p4runtime.proto.v1.Uint128;
import net.vdn.p4runtime.proto.v1.Update;
import net.vdn.p4runtime.proto.v1.WriteRequest;

/**
 * P4Runtime messages as they are on the wire, for scenarios about fields the client's own types do
 * not show (which of two fields a target answers in, the status of a read).
 */
final class RawP4Runtime implements AutoCloseable {
  private final ManagedChannel channel;
  private final P4RuntimeGrpc.P4RuntimeBlockingStub stub;
  private final long deviceId;

  RawP4Runtime(String target, long deviceId) {
    this.channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    this.stub = P4RuntimeGrpc.newBlockingStub(channel);
    this.deviceId = deviceId;
  }

  /** The entities a read of {@code filter} answers; a failed read throws its status. */
  List<Entity> read(Entity filter) {
    List<Entity> out = new ArrayList<>();
    var answers =
        stub.withDeadlineAfter(20, TimeUnit.SECONDS)
            .read(ReadRequest.newBuilder().setDeviceId(deviceId).addEntities(filter).build());
    while (answers.hasNext()) {
      ReadResponse r = answers.next();
      out.addAll(r.getEntitiesList());
    }
    return out;
  }

  /** The status a read of {@code filter} ends with. */
  Status.Code readStatus(Entity filter) {
    try {
      read(filter);
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  /** A write request of one update, from the primary with election id {@code electionId}. */
  WriteRequest write(long electionId, Update.Type type, Entity entity) {
    return WriteRequest.newBuilder()
        .setDeviceId(deviceId)
        .setElectionId(Uint128.newBuilder().setLow(electionId))
        .addUpdates(Update.newBuilder().setType(type).setEntity(entity))
        .build();
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
