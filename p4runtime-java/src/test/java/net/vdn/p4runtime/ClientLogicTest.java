package net.vdn.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.proto.v1.PacketMetadata;
import net.vdn.p4runtime.proto.v1.StreamMessageResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's own logic against an in-process stand-in target. */
class ClientLogicTest {
  private final FakeTarget fake;
  private final List<P4RuntimeClient> clients = new java.util.ArrayList<>();

  ClientLogicTest() throws Exception {
    fake = new FakeTarget();
  }

  @AfterEach
  void tearDown() {
    clients.forEach(P4RuntimeClient::close);
    fake.close();
  }

  private P4RuntimeClient connect(long electionId, boolean takeOver) {
    var c =
        P4RuntimeClient.connect(
            ClientOptions.builder(fake.target())
                .electionId(electionId)
                .takeOverWhenPrimaryLost(takeOver)
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200))
                .rpcTimeout(Duration.ofSeconds(5))
                .build());
    c.useP4Info(Fixtures.unitP4Info());
    clients.add(c);
    return c;
  }

  private static TableEntry route(int port) {
    return TableEntry.in("routes")
        .lpm("dst_addr", Value.ip("10.0.0.0"), 8)
        .action("set_port", "port", port)
        .build();
  }

  @Test
  void higherElectionIdTakesOverAndTheOtherHearsIt() throws Exception {
    var first = connect(10, false);
    BlockingQueue<MastershipEvent> events = new LinkedBlockingQueue<>();
    first.onMastership(events::add);
    assertThat(first.awaitPrimary(Duration.ofSeconds(5))).isTrue();
    var second = connect(20, false);
    assertThat(second.awaitPrimary(Duration.ofSeconds(5))).isTrue();
    assertThat(events.poll(5, TimeUnit.SECONDS))
        .isEqualTo(new MastershipEvent.BecameBackup(ElectionId.of(20)));
    assertThat(first.isPrimary()).isFalse();
  }

  @Test
  void writeWhileNotPrimarySendsNothing() {
    connect(20, false);
    var backup = connect(10, false);
    assertThatThrownBy(() -> backup.insert(route(1)))
        .isInstanceOf(NotPrimaryException.class)
        .hasMessageContaining("election id 10")
        .hasMessageContaining("primary holds election id 20");
    assertThat(fake.writes).isEmpty();
  }

  @Test
  void invalidUpdateInABatchSendsNothing() {
    var c = connect(1, false);
    c.awaitPrimary(Duration.ofSeconds(5));
    assertThatThrownBy(() -> c.batch().insert(route(1)).insert(route(999)).send())
        .isInstanceOf(InvalidEntityException.class)
        .hasMessageContaining("update #1 (INSERT)")
        .hasMessageContaining("does not fit 9 bits");
    assertThat(fake.writes).isEmpty();
  }

  @Test
  void decodesOneResultPerUpdate() {
    var c = connect(1, false);
    c.awaitPrimary(Duration.ofSeconds(5));
    fake.writeOutcome = req -> List.of(Code.OK, Code.ALREADY_EXISTS, Code.NOT_FOUND);
    WriteResult r =
        c.batch()
            .insert(route(1))
            .insert(route(2))
            .delete(route(3))
            .atomicity(P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR)
            .send();
    assertThat(r.results())
        .extracting(UpdateResult::code)
        .containsExactly(
            io.grpc.Status.Code.OK,
            io.grpc.Status.Code.ALREADY_EXISTS,
            io.grpc.Status.Code.NOT_FOUND);
    assertThat(r.results().get(1).message()).isEqualTo("fake says ALREADY_EXISTS");
    assertThat(r.results().get(1).space()).isEqualTo("fake");
    assertThat(r.results().get(2).update().type()).isEqualTo(Update.Type.DELETE);
    assertThatThrownBy(() -> c.insert(route(1), route(2), route(3)))
        .isInstanceOf(WriteException.class)
        .hasMessageContaining("2 of 3 updates failed");
    assertThat(fake.writes.get(0).getElectionId().getLow()).isEqualTo(1);
  }

  @Test
  void reconnectsAfterTheStreamBreaksAndRegainsPrimary() throws Exception {
    var c = connect(7, false);
    assertThat(c.awaitPrimary(Duration.ofSeconds(5))).isTrue();
    BlockingQueue<MastershipEvent> events = new LinkedBlockingQueue<>();
    c.onMastership(events::add);
    fake.dropStreams();
    assertThat(events.poll(5, TimeUnit.SECONDS)).isInstanceOf(MastershipEvent.PrimaryLost.class);
    assertThat(events.poll(5, TimeUnit.SECONDS))
        .isEqualTo(new MastershipEvent.BecamePrimary(ElectionId.of(7)));
    assertThat(c.isPrimary()).isTrue();
  }

  @Test
  void primaryAgainWithinAQuarterSecondOfARestartedTargetListening() throws Exception {
    FakeTarget first = new FakeTarget();
    int port = first.port();
    // Default reconnect delays: that is what is measured.
    try (var c =
        P4RuntimeClient.connect(
            ClientOptions.builder(first.target()).name("restarted").electionId(7).build())) {
      assertThat(c.awaitPrimary(Duration.ofSeconds(5))).isTrue();
      first.close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (c.isPrimary() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(c.isPrimary()).isFalse();
      // Down long enough for gRPC's own connect backoff to grow past a second.
      Thread.sleep(3000);
      try (FakeTarget second = new FakeTarget(port)) {
        long listening = System.nanoTime();
        assertThat(c.awaitPrimary(Duration.ofSeconds(10))).isTrue();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - listening);
        System.out.printf(
            "reconnect (in-process target down 3 s): primary again %d ms after it listened%n", ms);
        // About 250 ms by design; the bound is wide because test machines stall.
        assertThat(ms).isLessThan(1500);
      }
    }
  }

  @Test
  void backupTakesOverAboveEveryIdSeenWhenThePrimaryLeaves() throws Exception {
    var backup = connect(5, true);
    var primary = connect(9, false);
    assertThat(primary.awaitPrimary(Duration.ofSeconds(5))).isTrue();
    primary.close();
    assertThat(backup.awaitPrimary(Duration.ofSeconds(5))).isTrue();
    assertThat(backup.electionId()).isEqualTo(ElectionId.of(10));
  }

  @Test
  void ensurePipelinePushesOnlyWhenTheCookieDiffers() {
    var c = connect(1, false);
    c.awaitPrimary(Duration.ofSeconds(5));
    var config = PipelineConfig.of(Fixtures.unitP4Info().p4info(), "{}".getBytes());
    assertThat(c.ensurePipeline(config)).isTrue();
    assertThat(c.ensurePipeline(config)).isFalse();
    assertThat(fake.pipelinePushes).hasSize(1);
    var other = PipelineConfig.of(Fixtures.unitP4Info().p4info(), "{\"x\":1}".getBytes());
    assertThat(other.cookie()).isNotEqualTo(config.cookie());
    assertThat(c.ensurePipeline(other)).isTrue();
    assertThat(c.getPipeline(P4RuntimeClient.PipelineParts.COOKIE_ONLY).cookie())
        .isEqualTo(other.cookie());
  }

  @Test
  void packetOutIsValidatedAndCanonical() throws Exception {
    var c = connect(1, false);
    c.awaitPrimary(Duration.ofSeconds(5));
    assertThatThrownBy(() -> c.sendPacket(new byte[] {1}, Map.of()))
        .isInstanceOf(InvalidEntityException.class)
        .hasMessageContaining("metadata 'egress_port' is missing");
    assertThatThrownBy(() -> c.sendPacket(new byte[] {1}, Map.of("egress_port", Value.of(600))))
        .hasMessageContaining("does not fit 9 bits");
    assertThatThrownBy(() -> c.sendPacket(new byte[] {1}, Map.of("egres_port", Value.of(1))))
        .hasMessageContaining("unknown metadata field 'egres_port'");
    c.sendPacket(new byte[] {1, 2, 3}, Map.of("egress_port", Value.of(new byte[] {0, 3})));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (fake.streamMessages.stream().noneMatch(m -> m.hasPacket())
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    var sent =
        fake.streamMessages.stream()
            .filter(m -> m.hasPacket())
            .findFirst()
            .orElseThrow()
            .getPacket();
    assertThat(sent.getPayload().toByteArray()).containsExactly(1, 2, 3);
    assertThat(sent.getMetadataList())
        .containsExactly(
            PacketMetadata.newBuilder()
                .setMetadataId(1)
                .setValue(ByteString.copyFrom(new byte[] {3}))
                .build());
  }

  @Test
  void packetInsAreDecodedAndASlowConsumerOnlyLosesTheOldest() throws Exception {
    var c =
        P4RuntimeClient.connect(
            ClientOptions.builder(fake.target()).electionId(1).eventQueueCapacity(4).build());
    clients.add(c);
    c.useP4Info(Fixtures.unitP4Info());
    for (int i = 0; i < 10; i++) {
      fake.broadcast(
          StreamMessageResponse.newBuilder()
              .setPacket(
                  net.vdn.p4runtime.proto.v1.PacketIn.newBuilder()
                      .setPayload(ByteString.copyFrom(new byte[] {(byte) i}))
                      .addMetadata(
                          PacketMetadata.newBuilder()
                              .setMetadataId(1)
                              .setValue(ByteString.copyFrom(new byte[] {0, 2}))))
              .build());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (c.packetIns().received() < 10 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(c.packetIns().received()).isEqualTo(10);
    assertThat(c.packetIns().dropped()).isEqualTo(6);
    PacketIn first = c.packetIns().poll(Duration.ofSeconds(1));
    assertThat(first.payload()).containsExactly(6);
    assertThat(first.get("ingress_port")).isEqualTo(Value.of(2));
  }
}
