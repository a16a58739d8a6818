package net.vdn.softswitch.p4rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.Fixtures;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.proto.v1.Action;
import net.vdn.p4runtime.proto.v1.CounterData;
import net.vdn.p4runtime.proto.v1.CounterEntry;
import net.vdn.p4runtime.proto.v1.Entity;
import net.vdn.p4runtime.proto.v1.FieldMatch;
import net.vdn.p4runtime.proto.v1.ForwardingPipelineConfig;
import net.vdn.p4runtime.proto.v1.Index;
import net.vdn.p4runtime.proto.v1.MasterArbitrationUpdate;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;
import net.vdn.p4runtime.proto.v1.ReadRequest;
import net.vdn.p4runtime.proto.v1.SetForwardingPipelineConfigRequest;
import net.vdn.p4runtime.proto.v1.StreamMessageRequest;
import net.vdn.p4runtime.proto.v1.StreamMessageResponse;
import net.vdn.p4runtime.proto.v1.TableAction;
import net.vdn.p4runtime.proto.v1.TableEntry;
import net.vdn.p4runtime.proto.v1.Uint128;
import net.vdn.p4runtime.proto.v1.Update;
import net.vdn.p4runtime.proto.v1.WriteRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The softswitch's answers to raw P4Runtime requests, good and bad: each error code the
 * specification asks for, and malformed requests that must change nothing.
 */
class P4RuntimeConformanceTest {
  private static final String TABLE = "TestIngress.exact_table";
  private SoftswitchDevice device;
  private ManagedChannel channel;
  private P4RuntimeGrpc.P4RuntimeBlockingStub stub;
  private P4InfoIndex p4info;
  private final LinkedBlockingQueue<StreamMessageResponse> primaryInbox =
      new LinkedBlockingQueue<>();
  private StreamObserver<StreamMessageRequest> primaryStream;

  @BeforeEach
  void start() throws Exception {
    device = new SoftswitchDevice(1, 255);
    int port = device.serve("127.0.0.1", 0);
    channel =
        Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
    stub = P4RuntimeGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    p4info =
        P4InfoIndex.fromText(
            new String(Fixtures.bytes("client_test.p4info.txtpb"), StandardCharsets.UTF_8));
    primaryStream = arbitrate(10, primaryInbox);
    assertThat(primaryInbox.poll(5, TimeUnit.SECONDS).getArbitration().getStatus().getCode())
        .isEqualTo(Code.OK_VALUE);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    device.close();
  }

  private StreamObserver<StreamMessageRequest> arbitrate(
      long electionId, LinkedBlockingQueue<StreamMessageResponse> inbox) {
    var out =
        P4RuntimeGrpc.newStub(channel)
            .streamChannel(
                new StreamObserver<>() {
                  @Override
                  public void onNext(StreamMessageResponse m) {
                    inbox.add(m);
                  }

                  @Override
                  public void onError(Throwable t) {
                    inbox.add(
                        StreamMessageResponse.newBuilder()
                            .setOther(
                                Any.newBuilder()
                                    .setTypeUrl(Status.fromThrowable(t).getCode().name()))
                            .build());
                  }

                  @Override
                  public void onCompleted() {}
                });
    out.onNext(
        StreamMessageRequest.newBuilder()
            .setArbitration(
                MasterArbitrationUpdate.newBuilder().setDeviceId(1).setElectionId(id(electionId)))
            .build());
    return out;
  }

  private static Uint128 id(long low) {
    return Uint128.newBuilder().setLow(low).build();
  }

  private void pushPipeline() {
    stub.setForwardingPipelineConfig(
        SetForwardingPipelineConfigRequest.newBuilder()
            .setDeviceId(1)
            .setElectionId(id(10))
            .setAction(SetForwardingPipelineConfigRequest.Action.VERIFY_AND_COMMIT)
            .setConfig(
                ForwardingPipelineConfig.newBuilder()
                    .setP4Info(p4info.p4info())
                    .setP4DeviceConfig(ByteString.copyFrom(Fixtures.bytes("client_test.json"))))
            .build());
  }

  private Entity entry(int mac, int port) {
    var t = p4info.table(TABLE);
    var a = p4info.action("TestIngress.set_port_counted");
    return Entity.newBuilder()
        .setTableEntry(
            TableEntry.newBuilder()
                .setTableId(t.id())
                .addMatch(
                    FieldMatch.newBuilder()
                        .setFieldId(1)
                        .setExact(
                            FieldMatch.Exact.newBuilder()
                                .setValue(ByteString.copyFrom(new byte[] {(byte) mac}))))
                .setAction(
                    TableAction.newBuilder()
                        .setAction(
                            Action.newBuilder()
                                .setActionId(a.id())
                                .addParams(
                                    Action.Param.newBuilder()
                                        .setParamId(1)
                                        .setValue(
                                            ByteString.copyFrom(
                                                new byte[] {(byte) (port >> 8), (byte) port}))))))
        .build();
  }

  private WriteRequest write(long electionId, Update.Type type, Entity... entities) {
    var w = WriteRequest.newBuilder().setDeviceId(1).setElectionId(id(electionId));
    for (Entity e : entities) {
      w.addUpdates(Update.newBuilder().setType(type).setEntity(e));
    }
    return w.build();
  }

  /** The per-update canonical codes of a failed write. */
  private List<Integer> codes(WriteRequest w) {
    try {
      stub.write(w);
      return List.of();
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
      return StatusProto.fromThrowable(e).getDetailsList().stream()
          .map(
              any -> {
                try {
                  return any.unpack(net.vdn.p4runtime.proto.v1.Error.class).getCanonicalCode();
                } catch (Exception x) {
                  throw new AssertionError(x);
                }
              })
          .toList();
    }
  }

  private List<Entity> readAll() {
    var it =
        stub.read(
            ReadRequest.newBuilder()
                .setDeviceId(1)
                .addEntities(Entity.newBuilder().setTableEntry(TableEntry.getDefaultInstance()))
                .build());
    java.util.List<Entity> out = new java.util.ArrayList<>();
    it.forEachRemaining(r -> out.addAll(r.getEntitiesList()));
    return out;
  }

  @Test
  void writeBeforeAnyPipelineIsFailedPrecondition() {
    assertThatThrownBy(() -> stub.write(write(10, Update.Type.INSERT, entry(1, 1))))
        .satisfies(
            e ->
                assertThat(Status.fromThrowable(e).getCode())
                    .isEqualTo(Status.Code.FAILED_PRECONDITION));
  }

  @Test
  void writeFromABackupIsPermissionDeniedAndChangesNothing() {
    pushPipeline();
    arbitrate(5, new LinkedBlockingQueue<>());
    assertThatThrownBy(() -> stub.write(write(5, Update.Type.INSERT, entry(1, 1))))
        .satisfies(
            e ->
                assertThat(Status.fromThrowable(e).getCode())
                    .isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThat(readAll()).isEmpty();
  }

  @Test
  void duplicateElectionIdEndsTheSecondStream() throws Exception {
    var inbox = new LinkedBlockingQueue<StreamMessageResponse>();
    arbitrate(10, inbox);
    assertThat(inbox.poll(5, TimeUnit.SECONDS).getOther().getTypeUrl())
        .isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void perUpdateCodesForExistingMissingAndMalformedEntries() {
    pushPipeline();
    Entity bad =
        entry(3, 1).toBuilder()
            .setTableEntry(entry(3, 1).getTableEntry().toBuilder().setPriority(5))
            .build();
    Entity wide = entry(4, 600);
    assertThat(codes(write(10, Update.Type.INSERT, entry(1, 1), entry(1, 1), bad, wide)))
        .containsExactly(
            Code.OK_VALUE,
            Code.ALREADY_EXISTS_VALUE,
            Code.INVALID_ARGUMENT_VALUE,
            Code.INVALID_ARGUMENT_VALUE);
    assertThat(codes(write(10, Update.Type.DELETE, entry(2, 1))))
        .containsExactly(Code.NOT_FOUND_VALUE);
    assertThat(codes(write(10, Update.Type.MODIFY, entry(2, 1))))
        .containsExactly(Code.NOT_FOUND_VALUE);
    assertThat(readAll()).hasSize(1);
  }

  @Test
  void counterIndexOutOfRangeIsOutOfRange() {
    pushPipeline();
    var counter = p4info.counter("TestIngress.port_counter");
    Entity cell =
        Entity.newBuilder()
            .setCounterEntry(
                CounterEntry.newBuilder()
                    .setCounterId(counter.getPreamble().getId())
                    .setIndex(Index.newBuilder().setIndex(512))
                    .setData(CounterData.newBuilder().setPacketCount(1)))
            .build();
    assertThat(codes(write(10, Update.Type.MODIFY, cell))).containsExactly(Code.OUT_OF_RANGE_VALUE);
  }

  @Test
  void fullTableIsResourceExhausted() {
    pushPipeline();
    var t = p4info.table("TestIngress.range_table");
    var a = p4info.action("TestIngress.set_port");
    var w = WriteRequest.newBuilder().setDeviceId(1).setElectionId(id(10));
    for (int i = 0; i <= t.proto().getSize(); i++) {
      w.addUpdates(
          Update.newBuilder()
              .setType(Update.Type.INSERT)
              .setEntity(
                  Entity.newBuilder()
                      .setTableEntry(
                          TableEntry.newBuilder()
                              .setTableId(t.id())
                              .setPriority(i + 1)
                              .addMatch(
                                  FieldMatch.newBuilder()
                                      .setFieldId(1)
                                      .setRange(
                                          FieldMatch.Range.newBuilder()
                                              .setLow(ByteString.copyFrom(new byte[] {(byte) 1}))
                                              .setHigh(ByteString.copyFrom(new byte[] {(byte) 2}))))
                              .setAction(
                                  TableAction.newBuilder()
                                      .setAction(
                                          Action.newBuilder()
                                              .setActionId(a.id())
                                              .addParams(
                                                  Action.Param.newBuilder()
                                                      .setParamId(1)
                                                      .setValue(
                                                          ByteString.copyFrom(
                                                              new byte[] {1}))))))));
    }
    List<Integer> codes = codes(w.build());
    assertThat(codes).hasSize((int) t.proto().getSize() + 1);
    assertThat(codes.get(codes.size() - 1)).isEqualTo(Code.RESOURCE_EXHAUSTED_VALUE);
    assertThat(codes.subList(0, codes.size() - 1)).allMatch(c -> c == Code.OK_VALUE);
  }

  @Test
  void malformedRequestsGetErrorsAndChangeNothing() {
    pushPipeline();
    stub.write(write(10, Update.Type.INSERT, entry(1, 1)));
    Entity unknownTable =
        Entity.newBuilder().setTableEntry(TableEntry.newBuilder().setTableId(12345)).build();
    Entity noAction =
        Entity.newBuilder()
            .setTableEntry(entry(7, 1).getTableEntry().toBuilder().clearAction())
            .build();
    Entity empty = Entity.getDefaultInstance();
    assertThat(codes(write(10, Update.Type.INSERT, unknownTable, noAction, empty)))
        .containsExactly(
            Code.NOT_FOUND_VALUE, Code.INVALID_ARGUMENT_VALUE, Code.INVALID_ARGUMENT_VALUE);
    assertThat(codes(write(10, Update.Type.UNSPECIFIED, entry(8, 1))))
        .containsExactly(Code.INVALID_ARGUMENT_VALUE);
    assertThatThrownBy(
            () ->
                stub.write(
                    write(10, Update.Type.INSERT, entry(9, 1)).toBuilder().setDeviceId(99).build()))
        .satisfies(
            e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(
            () ->
                stub.setForwardingPipelineConfig(
                    SetForwardingPipelineConfigRequest.newBuilder()
                        .setDeviceId(1)
                        .setElectionId(id(10))
                        .setAction(SetForwardingPipelineConfigRequest.Action.VERIFY_AND_COMMIT)
                        .setConfig(
                            ForwardingPipelineConfig.newBuilder()
                                .setP4Info(p4info.p4info())
                                .setP4DeviceConfig(ByteString.copyFromUtf8("{\"not\": \"bmv2\"")))
                        .build()))
        .satisfies(
            e ->
                assertThat(Status.fromThrowable(e).getCode())
                    .isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThat(readAll()).hasSize(1);
  }

  @Test
  void garbageFramesAreDroppedWithoutHarm() throws Exception {
    pushPipeline();
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 500; i++) {
      byte[] frame = new byte[random.nextInt(120)];
      random.nextBytes(frame);
      device.receive(1 + random.nextInt(2), frame);
    }
    // The device still answers and its tables are intact.
    stub.write(write(10, Update.Type.INSERT, entry(1, 1)));
    assertThat(readAll()).hasSize(1);
  }
}
