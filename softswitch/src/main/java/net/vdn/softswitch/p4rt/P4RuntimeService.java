package net.vdn.softswitch.p4rt;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.vdn.p4runtime.ElectionId;
import net.vdn.p4runtime.proto.v1.CapabilitiesRequest;
import net.vdn.p4runtime.proto.v1.CapabilitiesResponse;
import net.vdn.p4runtime.proto.v1.DigestEntry;
import net.vdn.p4runtime.proto.v1.DigestList;
import net.vdn.p4runtime.proto.v1.Entity;
import net.vdn.p4runtime.proto.v1.GetForwardingPipelineConfigRequest;
import net.vdn.p4runtime.proto.v1.GetForwardingPipelineConfigResponse;
import net.vdn.p4runtime.proto.v1.P4Data;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;
import net.vdn.p4runtime.proto.v1.P4StructLike;
import net.vdn.p4runtime.proto.v1.ReadRequest;
import net.vdn.p4runtime.proto.v1.ReadResponse;
import net.vdn.p4runtime.proto.v1.SetForwardingPipelineConfigRequest;
import net.vdn.p4runtime.proto.v1.SetForwardingPipelineConfigResponse;
import net.vdn.p4runtime.proto.v1.StreamError;
import net.vdn.p4runtime.proto.v1.StreamMessageRequest;
import net.vdn.p4runtime.proto.v1.StreamMessageResponse;
import net.vdn.p4runtime.proto.v1.WriteRequest;
import net.vdn.p4runtime.proto.v1.WriteResponse;
import net.vdn.softswitch.Digest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The P4Runtime service of one softswitch device. */
final class P4RuntimeService extends P4RuntimeGrpc.P4RuntimeImplBase {
  static final String API_VERSION = "1.5.0";
  private static final Logger log = LoggerFactory.getLogger(P4RuntimeService.class);
  private static final int READ_CHUNK = 1000;

  private final SoftswitchDevice device;
  private final Arbitration arbitration;
  private final AtomicLong digestLists = new AtomicLong();

  P4RuntimeService(SoftswitchDevice device) {
    this.device = device;
    this.arbitration = new Arbitration(device.deviceId());
  }

  @Override
  public void capabilities(CapabilitiesRequest req, StreamObserver<CapabilitiesResponse> out) {
    out.onNext(CapabilitiesResponse.newBuilder().setP4RuntimeApiVersion(API_VERSION).build());
    out.onCompleted();
  }

  // ---------------------------------------------------------------- stream

  @Override
  public StreamObserver<StreamMessageRequest> streamChannel(
      StreamObserver<StreamMessageResponse> out) {
    Arbitration.Client client = arbitration.open(out);
    return new StreamObserver<>() {
      @Override
      public void onNext(StreamMessageRequest m) {
        switch (m.getUpdateCase()) {
          case ARBITRATION -> {
            Status refused = arbitration.update(client, m.getArbitration());
            if (refused != null) {
              arbitration.close(client);
              out.onError(refused.asRuntimeException());
            }
          }
          case PACKET -> packetOut(client, m);
          case DIGEST_ACK -> {}
          default ->
              streamError(
                  client, Code.UNIMPLEMENTED, "unsupported stream message " + m.getUpdateCase());
        }
      }

      @Override
      public void onError(Throwable t) {
        arbitration.close(client);
      }

      @Override
      public void onCompleted() {
        arbitration.close(client);
        try {
          out.onCompleted();
        } catch (RuntimeException e) {
          log.debug("stream already closed", e);
        }
      }
    };
  }

  private void packetOut(Arbitration.Client client, StreamMessageRequest m) {
    if (client.role == null || !arbitration.isPrimary(client.role, client.electionId)) {
      streamError(client, Code.PERMISSION_DENIED, "only the primary may send packet-outs");
      return;
    }
    Pipeline p = device.pipeline();
    if (p == null) {
      streamError(client, Code.FAILED_PRECONDITION, "no pipeline is set");
      return;
    }
    try {
      device.inject(p.engine().cpuPort(), PacketHeaders.packetOut(p.p4info(), m.getPacket()));
    } catch (UpdateError e) {
      streamError(client, e.code(), e.getMessage());
    }
  }

  private static void streamError(Arbitration.Client client, Code code, String message) {
    client.send(
        StreamMessageResponse.newBuilder()
            .setError(
                StreamError.newBuilder().setCanonicalCode(code.getNumber()).setMessage(message))
            .build());
  }

  /** Sends a packet that left on the CPU port to the primary clients. */
  void packetIn(Pipeline p, byte[] packet) {
    var in = PacketHeaders.packetIn(p.p4info(), packet);
    var m = StreamMessageResponse.newBuilder().setPacket(in).build();
    arbitration.primaries().forEach(c -> c.send(m));
  }

  /** Sends a digest as a list of one, when the controller enabled that digest. */
  void digest(Pipeline p, Map<Integer, DigestEntry.Config> enabled, Digest d) {
    int id;
    try {
      id = p.p4info().digest(d.name()).getPreamble().getId();
    } catch (RuntimeException e) {
      return;
    }
    if (!enabled.containsKey(id)) {
      return;
    }
    var data = P4StructLike.newBuilder();
    for (byte[] v : d.values()) {
      data.addMembers(P4Data.newBuilder().setBitstring(Keys.canonical(v)));
    }
    var list =
        DigestList.newBuilder()
            .setDigestId(id)
            .setListId(digestLists.incrementAndGet())
            .addData(P4Data.newBuilder().setStruct(data))
            .setTimestamp(System.currentTimeMillis() * 1_000_000L);
    var m = StreamMessageResponse.newBuilder().setDigest(list).build();
    arbitration.primaries().forEach(c -> c.send(m));
  }

  /** Reports entries that went idle to the primary clients. */
  void idle(List<net.vdn.p4runtime.proto.v1.TableEntry> entries) {
    var m =
        StreamMessageResponse.newBuilder()
            .setIdleTimeoutNotification(
                net.vdn.p4runtime.proto.v1.IdleTimeoutNotification.newBuilder()
                    .addAllTableEntry(entries)
                    .setTimestamp(System.currentTimeMillis() * 1_000_000L))
            .build();
    arbitration.primaries().forEach(c -> c.send(m));
  }

  // ---------------------------------------------------------------- write and read

  private Status checkDevice(long deviceId) {
    return deviceId == device.deviceId()
        ? null
        : Status.NOT_FOUND.withDescription("no device with id " + deviceId);
  }

  private Status checkPrimary(String role, net.vdn.p4runtime.proto.v1.Uint128 electionId) {
    if (!arbitration.isPrimary(role, ElectionId.of(electionId))) {
      return Status.PERMISSION_DENIED.withDescription(
          "election id "
              + ElectionId.of(electionId)
              + " is not the primary of role '"
              + role
              + "'");
    }
    return null;
  }

  @Override
  public void write(WriteRequest req, StreamObserver<WriteResponse> out) {
    Status bad = checkDevice(req.getDeviceId());
    if (bad == null) {
      bad = checkPrimary(req.getRole(), req.getElectionId());
    }
    Pipeline p = device.pipeline();
    if (bad == null && p == null) {
      bad = Status.FAILED_PRECONDITION.withDescription("no pipeline is set");
    }
    if (bad == null && req.getAtomicity() != WriteRequest.Atomicity.CONTINUE_ON_ERROR) {
      bad =
          Status.UNIMPLEMENTED.withDescription(
              "atomicity " + req.getAtomicity() + " is not supported; use CONTINUE_ON_ERROR");
    }
    if (bad != null) {
      out.onError(bad.asRuntimeException());
      return;
    }
    Writes writes = new Writes(p, device.digests());
    List<net.vdn.p4runtime.proto.v1.Error> results = new ArrayList<>(req.getUpdatesCount());
    boolean failed = false;
    p.engine().lock().lock();
    try {
      for (var u : req.getUpdatesList()) {
        try {
          writes.apply(u);
          results.add(
              net.vdn.p4runtime.proto.v1.Error.newBuilder()
                  .setCanonicalCode(Code.OK_VALUE)
                  .build());
        } catch (UpdateError e) {
          failed = true;
          results.add(
              net.vdn.p4runtime.proto.v1.Error.newBuilder()
                  .setCanonicalCode(e.code().getNumber())
                  .setMessage(e.getMessage())
                  .build());
        } catch (RuntimeException e) {
          failed = true;
          log.warn("update failed unexpectedly", e);
          results.add(
              net.vdn.p4runtime.proto.v1.Error.newBuilder()
                  .setCanonicalCode(Code.INTERNAL_VALUE)
                  .setMessage(String.valueOf(e.getMessage()))
                  .build());
        }
      }
    } finally {
      p.engine().lock().unlock();
    }
    if (!failed) {
      out.onNext(WriteResponse.getDefaultInstance());
      out.onCompleted();
      return;
    }
    var status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNKNOWN_VALUE)
            .setMessage("one or more updates failed");
    results.forEach(r -> status.addDetails(Any.pack(r)));
    out.onError(StatusProto.toStatusRuntimeException(status.build()));
  }

  @Override
  public void read(ReadRequest req, StreamObserver<ReadResponse> out) {
    Status bad = checkDevice(req.getDeviceId());
    Pipeline p = device.pipeline();
    if (bad == null && p == null) {
      bad = Status.FAILED_PRECONDITION.withDescription("no pipeline is set");
    }
    if (bad != null) {
      out.onError(bad.asRuntimeException());
      return;
    }
    Reads reads = new Reads(p, device.digests());
    List<Entity> found = new ArrayList<>();
    p.engine().lock().lock();
    try {
      for (Entity filter : req.getEntitiesList()) {
        reads.read(filter, found::add);
      }
    } catch (UpdateError e) {
      out.onError(
          Status.fromCodeValue(e.code().getNumber())
              .withDescription(e.getMessage())
              .asRuntimeException());
      return;
    } finally {
      p.engine().lock().unlock();
    }
    for (int i = 0; i < found.size(); i += READ_CHUNK) {
      out.onNext(
          ReadResponse.newBuilder()
              .addAllEntities(found.subList(i, Math.min(found.size(), i + READ_CHUNK)))
              .build());
    }
    out.onCompleted();
  }

  // ---------------------------------------------------------------- pipeline

  @Override
  public void setForwardingPipelineConfig(
      SetForwardingPipelineConfigRequest req,
      StreamObserver<SetForwardingPipelineConfigResponse> out) {
    Status bad = checkDevice(req.getDeviceId());
    if (bad == null) {
      bad = checkPrimary(req.getRole(), req.getElectionId());
    }
    if (bad == null) {
      bad = device.setPipeline(req.getAction(), req.hasConfig() ? req.getConfig() : null);
    }
    if (bad != null) {
      out.onError(bad.asRuntimeException());
      return;
    }
    out.onNext(SetForwardingPipelineConfigResponse.getDefaultInstance());
    out.onCompleted();
  }

  @Override
  public void getForwardingPipelineConfig(
      GetForwardingPipelineConfigRequest req,
      StreamObserver<GetForwardingPipelineConfigResponse> out) {
    Status bad = checkDevice(req.getDeviceId());
    Pipeline p = device.pipeline();
    if (bad == null && p == null) {
      bad = Status.FAILED_PRECONDITION.withDescription("no pipeline is set");
    }
    if (bad != null) {
      out.onError(bad.asRuntimeException());
      return;
    }
    var config = net.vdn.p4runtime.proto.v1.ForwardingPipelineConfig.newBuilder();
    config.setCookie(
        net.vdn.p4runtime.proto.v1.ForwardingPipelineConfig.Cookie.newBuilder()
            .setCookie(p.cookie()));
    switch (req.getResponseType()) {
      case ALL -> config.setP4Info(p.proto()).setP4DeviceConfig(ByteString.copyFrom(p.json()));
      case P4INFO_AND_COOKIE -> config.setP4Info(p.proto());
      case DEVICE_CONFIG_AND_COOKIE -> config.setP4DeviceConfig(ByteString.copyFrom(p.json()));
      default -> {}
    }
    out.onNext(GetForwardingPipelineConfigResponse.newBuilder().setConfig(config).build());
    out.onCompleted();
  }
}
