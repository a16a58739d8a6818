package net.vdn.p4runtime.internal;

import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.vdn.p4runtime.ReadQuery;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.proto.v1.ReadRequest;
import net.vdn.p4runtime.proto.v1.ReadResponse;

/** Read RPCs: queries encoded against P4Info, every streamed response decoded and normalized. */
public final class Reads {
  private final Connection connection;

  public Reads(Connection connection) {
    this.connection = connection;
  }

  public List<Entity> read(ReadQuery... queries) {
    EntityCodec c = connection.codec();
    var req =
        ReadRequest.newBuilder()
            .setDeviceId(connection.options().deviceId())
            .setRole(connection.options().role());
    for (ReadQuery q : queries) {
      req.addEntities(ReadQueries.encode(q, c));
    }
    List<Entity> out = new ArrayList<>();
    try {
      Iterator<ReadResponse> it = connection.blocking().read(req.build());
      while (it.hasNext()) {
        for (var e : it.next().getEntitiesList()) {
          out.add(c.decode(e));
        }
      }
    } catch (StatusRuntimeException e) {
      throw connection.rpcError("Read", e);
    }
    return out;
  }
}
