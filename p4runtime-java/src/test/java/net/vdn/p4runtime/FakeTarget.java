package net.vdn.p4runtime;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import net.vdn.p4runtime.proto.v1.CapabilitiesRequest;
import net.vdn.p4runtime.proto.v1.CapabilitiesResponse;
import net.vdn.p4runtime.proto.v1.ForwardingPipelineConfig;
import net.vdn.p4runtime.proto.v1.GetForwardingPipelineConfigRequest;
import net.vdn.p4runtime.proto.v1.GetForwardingPipelineConfigResponse;
import net.vdn.p4runtime.proto.v1.MasterArbitrationUpdate;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;
import net.vdn.p4runtime.proto.v1.SetForwardingPipelineConfigRequest;
import net.vdn.p4runtime.proto.v1.SetForwardingPipelineConfigResponse;
import net.vdn.p4runtime.proto.v1.StreamMessageRequest;
import net.vdn.p4runtime.proto.v1.StreamMessageResponse;
import net.vdn.p4runtime.proto.v1.Uint128;
import net.vdn.p4runtime.proto.v1.WriteRequest;
import net.vdn.p4runtime.proto.v1.WriteResponse;

/**
 * A loopback stand-in for a P4Runtime target, for unit tests of the client's own logic (arbitration
 * bookkeeping, error decoding, nothing sent on bad input). The client's behaviour against real
 * targets is tested separately.
 */
final class FakeTarget extends P4RuntimeGrpc.P4RuntimeImplBase implements AutoCloseable {
  final List<WriteRequest> writes = new CopyOnWriteArrayList<>();
  final List<StreamMessageRequest> streamMessages = new CopyOnWriteArrayList<>();
  final List<SetForwardingPipelineConfigRequest> pipelinePushes = new CopyOnWriteArrayList<>();
  private final Map<StreamObserver<StreamMessageResponse>, Uint128> clients =
      new ConcurrentHashMap<>();
  private final Server server;
  volatile Function<WriteRequest, List<Code>> writeOutcome = req -> null;
  private volatile ForwardingPipelineConfig pipeline;

  FakeTarget() throws IOException {
    this(InsecureServerCredentials.create());
  }

  FakeTarget(io.grpc.ServerCredentials credentials) throws IOException {
    this(0, credentials);
  }

  /** A target on this port, as a restarted one comes back on its old port. */
  FakeTarget(int port) throws IOException {
    this(port, InsecureServerCredentials.create());
  }

  private FakeTarget(int port, io.grpc.ServerCredentials credentials) throws IOException {
    server =
        Grpc.newServerBuilderForPort(port, credentials)
            .directExecutor()
            .addService(this)
            .build()
            .start();
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  int port() {
    return server.getPort();
  }

  /** Answers GetForwardingPipelineConfig with this config from now on. */
  void holdPipeline(ForwardingPipelineConfig config) {
    pipeline = config;
  }

  @Override
  public void capabilities(CapabilitiesRequest req, StreamObserver<CapabilitiesResponse> out) {
    out.onNext(CapabilitiesResponse.newBuilder().setP4RuntimeApiVersion("1.5.0").build());
    out.onCompleted();
  }

  @Override
  public StreamObserver<StreamMessageRequest> streamChannel(
      StreamObserver<StreamMessageResponse> out) {
    return new StreamObserver<>() {
      @Override
      public void onNext(StreamMessageRequest m) {
        streamMessages.add(m);
        if (m.hasArbitration()) {
          clients.put(out, m.getArbitration().getElectionId());
          announce();
        }
      }

      @Override
      public void onError(Throwable t) {
        leave(out);
      }

      @Override
      public void onCompleted() {
        leave(out);
        out.onCompleted();
      }
    };
  }

  private void leave(StreamObserver<StreamMessageResponse> out) {
    if (clients.remove(out) != null) {
      announce(Code.NOT_FOUND);
    }
  }

  private static int compare(Uint128 a, Uint128 b) {
    int c = Long.compareUnsigned(a.getHigh(), b.getHigh());
    return c != 0 ? c : Long.compareUnsigned(a.getLow(), b.getLow());
  }

  private Uint128 highest() {
    return clients.values().stream().max(FakeTarget::compare).orElse(Uint128.getDefaultInstance());
  }

  private synchronized void announce() {
    announce(null);
  }

  /** Tells every client who is primary; after a primary left, nobody is (NOT_FOUND). */
  private synchronized void announce(Code noPrimary) {
    Uint128 top = highest();
    for (var e : clients.entrySet()) {
      Code code =
          noPrimary != null
              ? noPrimary
              : compare(e.getValue(), top) == 0 ? Code.OK : Code.ALREADY_EXISTS;
      e.getKey()
          .onNext(
              StreamMessageResponse.newBuilder()
                  .setArbitration(
                      MasterArbitrationUpdate.newBuilder()
                          .setDeviceId(1)
                          .setElectionId(top)
                          .setStatus(com.google.rpc.Status.newBuilder().setCode(code.getNumber())))
                  .build());
    }
  }

  /** Sends a message to every connected client. */
  void broadcast(StreamMessageResponse m) {
    clients.keySet().forEach(c -> c.onNext(m));
  }

  /** Breaks every stream as a target restart would. */
  void dropStreams() {
    List<StreamObserver<StreamMessageResponse>> all = new ArrayList<>(clients.keySet());
    clients.clear();
    all.forEach(
        c ->
            c.onError(
                io.grpc.Status.UNAVAILABLE.withDescription("restarting").asRuntimeException()));
  }

  @Override
  public void write(WriteRequest req, StreamObserver<WriteResponse> out) {
    writes.add(req);
    List<Code> codes = writeOutcome.apply(req);
    if (codes == null) {
      out.onNext(WriteResponse.getDefaultInstance());
      out.onCompleted();
      return;
    }
    var status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNKNOWN.getNumber())
            .setMessage("batch failed");
    for (Code c : codes) {
      status.addDetails(
          Any.pack(
              net.vdn.p4runtime.proto.v1.Error.newBuilder()
                  .setCanonicalCode(c.getNumber())
                  .setMessage(c == Code.OK ? "" : "fake says " + c)
                  .setSpace("fake")
                  .setCode(c.getNumber() + 100)
                  .build()));
    }
    out.onError(StatusProto.toStatusRuntimeException(status.build()));
  }

  @Override
  public void setForwardingPipelineConfig(
      SetForwardingPipelineConfigRequest req,
      StreamObserver<SetForwardingPipelineConfigResponse> out) {
    pipelinePushes.add(req);
    pipeline = req.getConfig();
    out.onNext(SetForwardingPipelineConfigResponse.getDefaultInstance());
    out.onCompleted();
  }

  @Override
  public void getForwardingPipelineConfig(
      GetForwardingPipelineConfigRequest req,
      StreamObserver<GetForwardingPipelineConfigResponse> out) {
    if (pipeline == null) {
      out.onError(
          io.grpc.Status.FAILED_PRECONDITION.withDescription("no pipeline").asRuntimeException());
      return;
    }
    var config =
        req.getResponseType() == GetForwardingPipelineConfigRequest.ResponseType.COOKIE_ONLY
            ? ForwardingPipelineConfig.newBuilder().setCookie(pipeline.getCookie()).build()
            : pipeline;
    out.onNext(GetForwardingPipelineConfigResponse.newBuilder().setConfig(config).build());
    out.onCompleted();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
