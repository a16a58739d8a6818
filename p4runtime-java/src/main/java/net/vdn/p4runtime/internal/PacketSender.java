package net.vdn.p4runtime.internal;

import java.util.Map;
import net.vdn.p4runtime.DigestMessage;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.proto.v1.DigestListAck;
import net.vdn.p4runtime.proto.v1.StreamMessageRequest;

/** Packet-outs, checked against the program's packet_out header, and digest acknowledgements. */
public final class PacketSender {
  private final Connection connection;
  private final StreamSession stream;

  public PacketSender(Connection connection, StreamSession stream) {
    this.connection = connection;
    this.stream = stream;
  }

  public void sendPacket(byte[] payload, Map<String, Value> metadata) {
    var packet = StreamCodec.packetOut(connection.codec().index(), payload, metadata);
    stream.requirePrimary("send a packet-out");
    stream.send(StreamMessageRequest.newBuilder().setPacket(packet).build());
  }

  public void ackDigest(DigestMessage digest) {
    stream.send(
        StreamMessageRequest.newBuilder()
            .setDigestAck(
                DigestListAck.newBuilder()
                    .setDigestId(digest.digestId())
                    .setListId(digest.listId()))
            .build());
  }
}
