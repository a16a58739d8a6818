package net.vdn.p4runtime.internal;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.p4runtime.DigestMessage;
import net.vdn.p4runtime.IdleTimeout;
import net.vdn.p4runtime.InvalidEntityException;
import net.vdn.p4runtime.P4InfoException;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.info.PacketMetadataInfo;
import net.vdn.p4runtime.proto.config.v1.ControllerPacketMetadata;
import net.vdn.p4runtime.proto.config.v1.Digest;
import net.vdn.p4runtime.proto.config.v1.P4DataTypeSpec;
import net.vdn.p4runtime.proto.v1.DigestList;
import net.vdn.p4runtime.proto.v1.IdleTimeoutNotification;
import net.vdn.p4runtime.proto.v1.P4Data;
import net.vdn.p4runtime.proto.v1.PacketMetadata;
import net.vdn.p4runtime.proto.v1.PacketOut;

/** Packet-out, packet-in, digest and idle-timeout messages by name. */
final class StreamCodec {
  static final String PACKET_OUT = "packet_out";
  static final String PACKET_IN = "packet_in";

  private StreamCodec() {}

  static PacketOut packetOut(P4InfoIndex index, byte[] payload, Map<String, Value> metadata) {
    if (payload == null || payload.length == 0) {
      throw new InvalidEntityException("packet-out: empty payload");
    }
    PacketOut.Builder out = PacketOut.newBuilder().setPayload(ByteString.copyFrom(payload));
    if (!index.hasPacketMetadata(PACKET_OUT)) {
      if (!metadata.isEmpty()) {
        throw new InvalidEntityException(
            "packet-out: the program declares no packet_out header, got metadata "
                + metadata.keySet());
      }
      return out.build();
    }
    PacketMetadataInfo info = index.packetMetadata(PACKET_OUT);
    Map<Integer, Value> byId = new LinkedHashMap<>();
    for (Map.Entry<String, Value> m : metadata.entrySet()) {
      ControllerPacketMetadata.Metadata field;
      try {
        field = info.fields().get(m.getKey());
      } catch (P4InfoException e) {
        throw new InvalidEntityException("packet-out: " + e.getMessage());
      }
      if (m.getValue() == null || !m.getValue().fits(field.getBitwidth())) {
        throw new InvalidEntityException(
            "packet-out: metadata '"
                + field.getName()
                + "': value "
                + m.getValue()
                + " does not fit "
                + field.getBitwidth()
                + " bits");
      }
      if (byId.put(field.getId(), m.getValue()) != null) {
        throw new InvalidEntityException(
            "packet-out: metadata '" + field.getName() + "' given twice");
      }
    }
    for (ControllerPacketMetadata.Metadata field : info.proto().getMetadataList()) {
      Value v = byId.get(field.getId());
      if (v == null) {
        if (!PacketMetadataInfo.isPadding(field)) {
          throw new InvalidEntityException(
              "packet-out: metadata '" + field.getName() + "' is missing");
        }
        continue;
      }
      out.addMetadata(
          PacketMetadata.newBuilder().setMetadataId(field.getId()).setValue(v.toByteString()));
    }
    return out.build();
  }

  static PacketIn packetIn(P4InfoIndex index, net.vdn.p4runtime.proto.v1.PacketIn in) {
    Map<String, Value> metadata = new LinkedHashMap<>();
    PacketMetadataInfo info =
        index != null && index.hasPacketMetadata(PACKET_IN)
            ? index.packetMetadata(PACKET_IN)
            : null;
    for (PacketMetadata m : in.getMetadataList()) {
      var field = info == null ? null : info.fields().byId(m.getMetadataId());
      metadata.put(
          field == null ? "#" + m.getMetadataId() : field.getName(), Value.of(m.getValue()));
    }
    return new PacketIn(in.getPayload().toByteArray(), metadata);
  }

  static DigestMessage digest(P4InfoIndex index, DigestList list) {
    Digest info = index == null ? null : index.digest(list.getDigestId());
    List<String> names = info == null ? List.of() : memberNames(index, info.getTypeSpec());
    List<Map<String, Value>> items = new ArrayList<>();
    for (P4Data d : list.getDataList()) {
      Map<String, Value> item = new LinkedHashMap<>();
      switch (d.getDataCase()) {
        case BITSTRING -> item.put("value", Value.of(d.getBitstring()));
        case STRUCT, TUPLE -> {
          var members = d.getDataCase() == P4Data.DataCase.STRUCT ? d.getStruct() : d.getTuple();
          for (int i = 0; i < members.getMembersCount(); i++) {
            P4Data m = members.getMembers(i);
            if (m.getDataCase() == P4Data.DataCase.BITSTRING) {
              item.put(i < names.size() ? names.get(i) : "#" + i, Value.of(m.getBitstring()));
            }
          }
        }
        case HEADER -> {
          for (int i = 0; i < d.getHeader().getBitstringsCount(); i++) {
            item.put(
                i < names.size() ? names.get(i) : "#" + i,
                Value.of(d.getHeader().getBitstrings(i)));
          }
        }
        default -> {}
      }
      items.add(item);
    }
    return new DigestMessage(
        info == null ? "#" + list.getDigestId() : info.getPreamble().getName(),
        list.getDigestId(),
        list.getListId(),
        items,
        list.getTimestamp());
  }

  private static List<String> memberNames(P4InfoIndex index, P4DataTypeSpec spec) {
    var types = index.p4info().getTypeInfo();
    if (spec.hasStruct() && types.containsStructs(spec.getStruct().getName())) {
      return types.getStructsOrThrow(spec.getStruct().getName()).getMembersList().stream()
          .map(m -> m.getName())
          .toList();
    }
    if (spec.hasHeader() && types.containsHeaders(spec.getHeader().getName())) {
      return types.getHeadersOrThrow(spec.getHeader().getName()).getMembersList().stream()
          .map(m -> m.getName())
          .toList();
    }
    return List.of();
  }

  static IdleTimeout idleTimeout(EntityCodec codec, IdleTimeoutNotification n) {
    return new IdleTimeout(
        n.getTableEntryList().stream().map(codec::decodeTableEntry).toList(), n.getTimestamp());
  }
}
