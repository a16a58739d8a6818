package net.vdn.softswitch.p4rt;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.List;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.proto.config.v1.ControllerPacketMetadata;
import net.vdn.p4runtime.proto.v1.PacketIn;
import net.vdn.p4runtime.proto.v1.PacketMetadata;
import net.vdn.p4runtime.proto.v1.PacketOut;

/**
 * The controller headers on the CPU port: packet_out metadata becomes the header a packet-out
 * carries into the pipeline; the packet_in header in front of a packet to the CPU port becomes
 * packet-in metadata. Fields are packed most significant bit first, as the P4 header declares.
 */
final class PacketHeaders {
  private PacketHeaders() {}

  static byte[] packetOut(P4InfoIndex index, PacketOut out) {
    if (!index.hasPacketMetadata("packet_out")) {
      return out.getPayload().toByteArray();
    }
    List<ControllerPacketMetadata.Metadata> fields =
        index.packetMetadata("packet_out").proto().getMetadataList();
    int bits = fields.stream().mapToInt(ControllerPacketMetadata.Metadata::getBitwidth).sum();
    BigInteger header = BigInteger.ZERO;
    for (ControllerPacketMetadata.Metadata f : fields) {
      Value v = Value.ZERO;
      for (PacketMetadata m : out.getMetadataList()) {
        if (m.getMetadataId() == f.getId()) {
          v = Value.of(m.getValue());
        }
      }
      if (!v.fits(f.getBitwidth())) {
        throw UpdateError.invalid(
            "packet-out metadata '" + f.getName() + "' does not fit " + f.getBitwidth() + " bits");
      }
      header = header.shiftLeft(f.getBitwidth()).or(v.toBigInteger());
    }
    byte[] head = Value.of(header).toPaddedBytes(bits);
    byte[] payload = out.getPayload().toByteArray();
    byte[] packet = new byte[head.length + payload.length];
    System.arraycopy(head, 0, packet, 0, head.length);
    System.arraycopy(payload, 0, packet, head.length, payload.length);
    return packet;
  }

  static PacketIn packetIn(P4InfoIndex index, byte[] packet) {
    if (!index.hasPacketMetadata("packet_in")) {
      return PacketIn.newBuilder().setPayload(ByteString.copyFrom(packet)).build();
    }
    List<ControllerPacketMetadata.Metadata> fields =
        index.packetMetadata("packet_in").proto().getMetadataList();
    int bits = fields.stream().mapToInt(ControllerPacketMetadata.Metadata::getBitwidth).sum();
    int bytes = (bits + 7) / 8;
    var in = PacketIn.newBuilder();
    if (packet.length < bytes) {
      return in.setPayload(ByteString.copyFrom(packet)).build();
    }
    BigInteger header =
        new BigInteger(1, java.util.Arrays.copyOf(packet, bytes)).shiftRight(bytes * 8 - bits);
    int shift = bits;
    for (ControllerPacketMetadata.Metadata f : fields) {
      shift -= f.getBitwidth();
      BigInteger v =
          header
              .shiftRight(shift)
              .and(BigInteger.ONE.shiftLeft(f.getBitwidth()).subtract(BigInteger.ONE));
      in.addMetadata(
          PacketMetadata.newBuilder()
              .setMetadataId(f.getId())
              .setValue(Value.of(v).toByteString()));
    }
    return in.setPayload(ByteString.copyFrom(packet, bytes, packet.length - bytes)).build();
  }
}
