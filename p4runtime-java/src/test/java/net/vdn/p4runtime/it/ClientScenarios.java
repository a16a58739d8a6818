package net.vdn.p4runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.DigestMessage;
import net.vdn.p4runtime.ElectionId;
import net.vdn.p4runtime.Fixtures;
import net.vdn.p4runtime.IdleTimeout;
import net.vdn.p4runtime.InvalidEntityException;
import net.vdn.p4runtime.MastershipEvent;
import net.vdn.p4runtime.NotPrimaryException;
import net.vdn.p4runtime.P4InfoException;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.PipelineState;
import net.vdn.p4runtime.ReadQuery;
import net.vdn.p4runtime.TargetException;
import net.vdn.p4runtime.UpdateResult;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.WriteResult;
import net.vdn.p4runtime.entity.ActionCall;
import net.vdn.p4runtime.entity.ActionProfileGroup;
import net.vdn.p4runtime.entity.ActionProfileMember;
import net.vdn.p4runtime.entity.CloneSession;
import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.DigestConfig;
import net.vdn.p4runtime.entity.DirectCounterEntry;
import net.vdn.p4runtime.entity.DirectMeterEntry;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.MeterConfig;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.RegisterEntry;
import net.vdn.p4runtime.entity.Replica;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.proto.config.v1.P4Info;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The P4Runtime client's scenarios against a real target running {@code client_test.p4}. Each
 * target (BMv2, the softswitch) runs the same scenarios by extending this class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClientScenarios {
  private static final String PREFIX = "TestIngress.";
  protected TargetUnderTest target;
  protected PipelineConfig pipeline;
  private final List<P4RuntimeClient> clients = new ArrayList<>();
  private P4RuntimeClient primary;
  private boolean restartAfterwards;

  /** Starts the target, or aborts the class (assumption) naming what is missing. */
  protected abstract TargetUnderTest startTarget() throws Exception;

  /** Whether the target ages entries and reports idle ones. */
  protected boolean supportsIdleTimeouts() {
    return true;
  }

  /** Whether the target implements RECONCILE_AND_COMMIT; if not, it must refuse it. */
  protected boolean supportsReconcile() {
    return true;
  }

  /** Whether the target reads and writes register cells; if not, it must refuse both clearly. */
  protected boolean supportsRegisters() {
    return true;
  }

  /**
   * Kinds of entity for which the target answers a read of one that does not exist otherwise than
   * the specification's NOT_FOUND, with what it answers (known divergences, in NOTES.md).
   */
  protected Map<String, Status.Code> absentReadDivergences() {
    return Map.of();
  }

  /**
   * What the target answers a meter config whose CIR is above its PIR with: the specification's
   * INVALID_ARGUMENT unless the target is known to differ.
   */
  protected Status.Code cirAbovePirRefusal() {
    return Status.Code.INVALID_ARGUMENT;
  }

  @BeforeAll
  void startAll() throws Exception {
    target = startTarget();
    P4Info p4info =
        net.vdn.p4runtime.info.P4InfoIndex.fromText(
                new String(Fixtures.bytes("client_test.p4info.txtpb"), StandardCharsets.UTF_8))
            .p4info();
    pipeline = PipelineConfig.of(p4info, Fixtures.bytes("client_test.json"));
  }

  @AfterAll
  void stopAll() {
    if (target != null) {
      target.close();
    }
  }

  /** Every scenario starts from a freshly committed pipeline (which clears all state). */
  @BeforeEach
  void freshPipeline() {
    primary = connect(1000, false);
    assertThat(primary.awaitPrimary(Duration.ofSeconds(10))).isTrue();
    primary.setPipeline(pipeline, P4RuntimeClient.PipelineAction.VERIFY_AND_COMMIT);
  }

  @AfterEach
  void closeClients() throws Exception {
    clients.forEach(P4RuntimeClient::close);
    clients.clear();
    if (restartAfterwards) {
      restartAfterwards = false;
      target.close();
      target = startTarget();
    }
  }

  /**
   * For scenarios after which a target may refuse further pipeline pushes: BMv2 1.15.5 does once it
   * has refused one (NOTES.md). The next scenario gets a new target.
   */
  protected void restartTargetAfterwards() {
    restartAfterwards = true;
  }

  protected P4RuntimeClient connect(long electionId, boolean takeOver) {
    return connect(
        options(electionId)
            .takeOverWhenPrimaryLost(takeOver)
            .reconnectDelay(Duration.ofMillis(50), Duration.ofSeconds(1)));
  }

  private ClientOptions.Builder options(long electionId) {
    return ClientOptions.builder(target.grpcTarget())
        .deviceId(target.deviceId())
        .electionId(electionId)
        .rpcTimeout(Duration.ofSeconds(20));
  }

  private P4RuntimeClient connect(ClientOptions.Builder options) {
    P4RuntimeClient c = P4RuntimeClient.connect(options.build());
    clients.add(c);
    return c;
  }

  private static TableEntry exact(String mac, int port) {
    return TableEntry.in(PREFIX + "exact_table")
        .exact("dst_addr", Value.mac(mac))
        .action(PREFIX + "set_port_counted", "port", port)
        .build();
  }

  // ---------------------------------------------------------------- arbitration

  @Test
  void arbitrationWithTwoClientsAndATakeover() throws Exception {
    primary.close();
    var a = connect(10, true);
    assertThat(a.awaitPrimary(Duration.ofSeconds(10))).isTrue();
    BlockingQueue<MastershipEvent> aEvents = new LinkedBlockingQueue<>();
    a.onMastership(aEvents::add);
    var b = connect(20, false);
    assertThat(b.awaitPrimary(Duration.ofSeconds(10))).isTrue();
    assertThat(aEvents.poll(10, TimeUnit.SECONDS)).isInstanceOf(MastershipEvent.BecameBackup.class);
    assertThat(a.isPrimary()).isFalse();
    a.useP4Info(net.vdn.p4runtime.info.P4InfoIndex.of(pipeline.p4info()));
    assertThatThrownBy(() -> a.insert(exact("00:00:00:00:00:01", 1)))
        .isInstanceOf(NotPrimaryException.class)
        .hasMessageContaining("election id 10");
    b.close();
    // The spec lets a target announce "no primary" (then a raises its id) or promote a directly.
    assertThat(a.awaitPrimary(Duration.ofSeconds(10))).isTrue();
    a.insert(exact("00:00:00:00:00:01", 1));
    assertThat(a.readTable(PREFIX + "exact_table")).hasSize(1);
  }

  @Test
  void lowerElectionIdStaysBackupAndCannotWrite() {
    var backup = connect(5, false);
    assertThat(backup.awaitPrimary(Duration.ofMillis(500))).isFalse();
    backup.useP4Info(net.vdn.p4runtime.info.P4InfoIndex.of(pipeline.p4info()));
    assertThatThrownBy(
            () -> backup.setPipeline(pipeline, P4RuntimeClient.PipelineAction.VERIFY_AND_COMMIT))
        .isInstanceOf(NotPrimaryException.class);
    assertThat(backup.readTable(null)).isEmpty();
  }

  @Test
  void aRestartedTargetHasItsPrimaryBackWithinAQuarterSecondOrSo() throws Exception {
    // The client's default reconnect delays are what is measured.
    var c = connect(options(2000).name("restarted"));
    assertThat(c.awaitPrimary(Duration.ofSeconds(10))).isTrue();
    primary.close();
    BlockingQueue<MastershipEvent> events = new LinkedBlockingQueue<>();
    c.onMastership(events::add);
    Duration down = Duration.ofSeconds(3);
    try {
      target.restart(down);
    } catch (UnsupportedOperationException e) {
      abort(e.getMessage());
    }
    long listening = System.nanoTime();
    assertThat(c.awaitPrimary(Duration.ofSeconds(10))).isTrue();
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - listening);
    System.out.printf(
        "reconnect (%s down %d s): primary again %d ms after it listened%n",
        target.getClass().getSimpleName(), down.toSeconds(), ms);
    assertThat(events.poll(5, TimeUnit.SECONDS)).isInstanceOf(MastershipEvent.PrimaryLost.class);
    assertThat(events.poll(5, TimeUnit.SECONDS))
        .isEqualTo(new MastershipEvent.BecamePrimary(ElectionId.of(2000)));
    // About 250 ms by design; the bound is wide because test machines stall.
    assertThat(ms).isLessThan(1500);
  }

  // ---------------------------------------------------------------- pipeline

  @Test
  void pipelinePushIsSkippedWhenTheCookieMatches() {
    assertThat(primary.ensurePipeline(pipeline)).isFalse();
    PipelineState all = primary.getPipeline(P4RuntimeClient.PipelineParts.ALL);
    assertThat(all.cookie()).isEqualTo(pipeline.cookie());
    assertThat(all.p4info()).isEqualTo(pipeline.p4info());
    PipelineState cookieOnly = primary.getPipeline(P4RuntimeClient.PipelineParts.COOKIE_ONLY);
    assertThat(cookieOnly.cookie()).isEqualTo(pipeline.cookie());
    assertThat(cookieOnly.p4info()).isNull();
    assertThat(primary.getPipeline(P4RuntimeClient.PipelineParts.P4INFO_AND_COOKIE).p4info())
        .isEqualTo(pipeline.p4info());

    var recookied =
        new PipelineConfig(pipeline.p4info(), pipeline.deviceConfig(), pipeline.cookie() + 1);
    assertThat(primary.ensurePipeline(recookied)).isTrue();
    assertThat(primary.getPipeline(P4RuntimeClient.PipelineParts.COOKIE_ONLY).cookie())
        .isEqualTo(recookied.cookie());
  }

  @Test
  void everyPipelineActionReachesTheTarget() {
    restartTargetAfterwards();
    var saved = new PipelineConfig(pipeline.p4info(), pipeline.deviceConfig(), 42);
    primary.setPipeline(saved, P4RuntimeClient.PipelineAction.VERIFY);
    assertThat(primary.getPipeline(P4RuntimeClient.PipelineParts.COOKIE_ONLY).cookie())
        .isEqualTo(pipeline.cookie());
    primary.setPipeline(saved, P4RuntimeClient.PipelineAction.VERIFY_AND_SAVE);
    primary.setPipeline(null, P4RuntimeClient.PipelineAction.COMMIT);
    assertThat(primary.getPipeline(P4RuntimeClient.PipelineParts.COOKIE_ONLY).cookie())
        .isEqualTo(42);
  }

  @Test
  void reconcileAndCommitKeepsForwardingState() {
    restartTargetAfterwards();
    TableEntry kept = exact("00:00:00:00:00:0d", 3);
    primary.insert(kept);
    var reconciled = new PipelineConfig(pipeline.p4info(), pipeline.deviceConfig(), 43);
    if (!supportsReconcile()) {
      assertThatThrownBy(
              () ->
                  primary.setPipeline(
                      reconciled, P4RuntimeClient.PipelineAction.RECONCILE_AND_COMMIT))
          .isInstanceOf(TargetException.class);
      return;
    }
    primary.setPipeline(reconciled, P4RuntimeClient.PipelineAction.RECONCILE_AND_COMMIT);
    assertThat(primary.getPipeline(P4RuntimeClient.PipelineParts.COOKIE_ONLY).cookie())
        .isEqualTo(43);
    assertThat(primary.readTable(PREFIX + "exact_table")).containsExactly(canonical(kept));
  }

  @Test
  void aBrokenDeviceConfigIsRefusedAndChangesNothing() {
    restartTargetAfterwards();
    var broken = PipelineConfig.of(pipeline.p4info(), "{\"this is\": \"not a program\"".getBytes());
    assertThatThrownBy(
            () -> primary.setPipeline(broken, P4RuntimeClient.PipelineAction.VERIFY_AND_COMMIT))
        .isInstanceOf(TargetException.class);
    assertThat(primary.getPipeline(P4RuntimeClient.PipelineParts.COOKIE_ONLY).cookie())
        .isEqualTo(pipeline.cookie());
  }

  // ---------------------------------------------------------------- entities

  @Test
  void everyTableMatchKindIsWrittenAndReadBackEqual() {
    List<TableEntry> entries =
        List.of(
            exact("00:00:00:00:00:0a", 3).toBuilder().idleTimeoutNs(0).build(),
            TableEntry.in(PREFIX + "lpm_table")
                .lpm("ipv4_dst", Value.ip("10.1.0.0"), 16)
                .action(PREFIX + "set_port", "port", 4)
                .build(),
            TableEntry.in(PREFIX + "ternary_table")
                .ternary("ether_type", Value.of(0x0800), Value.of(0xffff))
                .ternary("ipv4_src", Value.ip("192.168.0.0"), Value.ip("255.255.0.0"))
                .priority(20)
                .action(PREFIX + "set_port_metered", "port", 5)
                .build(),
            TableEntry.in(PREFIX + "ternary_table")
                .ternary("ether_type", Value.of(0x88cc), Value.of(0xffff))
                .priority(30)
                .action(PREFIX + "punt")
                .build(),
            TableEntry.in(PREFIX + "range_table")
                .range("ingress_port", Value.of(1), Value.of(8))
                .priority(1)
                .action(PREFIX + "set_port", "port", 6)
                .build(),
            TableEntry.in(PREFIX + "optional_table")
                .exact("ingress_port", Value.of(1))
                .optional("src_addr", Value.mac("00:00:00:00:00:01"))
                .priority(2)
                .action(PREFIX + "set_port", "port", 7)
                .build(),
            TableEntry.in(PREFIX + "optional_table")
                .exact("ingress_port", Value.of(2))
                .priority(1)
                .action(PREFIX + "set_port", "port", 8)
                .build());
    primary.insert(entries.toArray(Entity[]::new));
    for (TableEntry e : entries) {
      List<Entity> read = primary.read(ReadQuery.key(e));
      assertThat(read).as("read of %s", e).hasSize(1);
      assertThat(strip((TableEntry) read.get(0))).isEqualTo(canonical(e));
    }
    assertThat(primary.readTable(null)).hasSize(entries.size());
    assertThat(primary.readTable(PREFIX + "ternary_table")).hasSize(2);
  }

  @Test
  void defaultEntryIsModifiedAndReadBack() {
    var deflt =
        TableEntry.defaultEntry(
            PREFIX + "lpm_table", ActionCall.of(PREFIX + "set_port", "port", 9));
    primary.modify(deflt);
    List<Entity> read = primary.read(ReadQuery.key(deflt));
    assertThat(read).hasSize(1);
    assertThat(((TableEntry) read.get(0)).action())
        .isEqualTo(ActionCall.of(PREFIX + "set_port", "port", 9));
    assertThat(((TableEntry) read.get(0)).isDefault()).isTrue();
  }

  @Test
  void actionProfileMembersGroupsAndEntriesThatUseThem() {
    String profile = PREFIX + "ecmp_selector";
    var m1 = new ActionProfileMember(profile, 1, ActionCall.of(PREFIX + "set_port", "port", 1));
    var m2 = new ActionProfileMember(profile, 2, ActionCall.of(PREFIX + "set_port", "port", 2));
    var group =
        new ActionProfileGroup(
            profile,
            10,
            List.of(new ActionProfileGroup.Member(1, 1), new ActionProfileGroup.Member(2, 1)),
            16);
    var viaGroup =
        TableEntry.in(PREFIX + "ecmp_table")
            .exact("ipv4_dst", Value.ip("10.0.0.1"))
            .group(10)
            .build();
    var viaMember =
        TableEntry.in(PREFIX + "ecmp_table")
            .exact("ipv4_dst", Value.ip("10.0.0.2"))
            .member(2)
            .build();
    primary.insert(m1, m2);
    primary.insert(group);
    primary.insert(viaGroup, viaMember);
    assertThat(primary.read(ReadQuery.key(m1))).containsExactly(m1);
    assertThat(primary.read(new ReadQuery.Members(profile))).containsExactlyInAnyOrder(m1, m2);
    List<Entity> groups = primary.read(new ReadQuery.Groups(profile));
    assertThat(groups).hasSize(1);
    assertThat(((ActionProfileGroup) groups.get(0)).members())
        .containsExactlyInAnyOrderElementsOf(group.members());
    assertThat(primary.read(ReadQuery.key(viaGroup)))
        .extracting(e -> ((TableEntry) e).action())
        .containsExactly(viaGroup.action());
    assertThat(primary.read(ReadQuery.key(viaMember)))
        .extracting(e -> ((TableEntry) e).action())
        .containsExactly(viaMember.action());
  }

  @Test
  void countersAndMetersAreWrittenAndReadBack() {
    var counter = new CounterEntry(PREFIX + "port_counter", 7, new CounterData(1500, 3));
    var meter =
        new MeterEntry(
            PREFIX + "port_meter", 7, MeterConfig.twoRate(125_000, 10_000, 250_000, 20_000));
    primary.modify(counter, meter);
    assertThat(primary.read(ReadQuery.key(counter))).containsExactly(counter);
    assertThat(primary.read(ReadQuery.key(meter))).containsExactly(meter);
    assertThat(primary.read(ReadQuery.counter(PREFIX + "port_counter"))).hasSize(512);

    TableEntry withCounter = exact("00:00:00:00:00:0b", 1);
    primary.insert(withCounter);
    var direct = new DirectCounterEntry(withCounter.key(), new CounterData(64, 1));
    primary.modify(direct);
    assertThat(primary.read(ReadQuery.directCounter(withCounter))).containsExactly(direct);

    TableEntry metered =
        TableEntry.in(PREFIX + "ternary_table")
            .ternary("ether_type", Value.of(0x0800), Value.of(0xffff))
            .priority(5)
            .action(PREFIX + "set_port_metered", "port", 2)
            .build();
    primary.insert(metered);
    var directMeter =
        new DirectMeterEntry(metered.key(), MeterConfig.twoRate(1000, 100, 2000, 200));
    primary.modify(directMeter);
    assertThat(primary.read(ReadQuery.directMeter(metered))).containsExactly(directMeter);
  }

  @Test
  void registerCellsAreReadAndWritten() {
    var cell = new RegisterEntry(PREFIX + "last_seen", 7, Value.of(0xdeadbeefL));
    if (!supportsRegisters()) {
      assertThatThrownBy(() -> primary.read(ReadQuery.key(cell)))
          .isInstanceOfSatisfying(
              TargetException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.UNIMPLEMENTED));
      WriteResult r = primary.batch().modify(cell).send();
      assertThat(r.results().get(0).code()).isEqualTo(Status.Code.UNIMPLEMENTED);
      return;
    }
    assertThat(primary.read(ReadQuery.key(cell)))
        .containsExactly(new RegisterEntry(PREFIX + "last_seen", 7, Value.ZERO));
    assertThat(primary.read(ReadQuery.register(PREFIX + "last_seen"))).hasSize(256);
    WriteResult r = primary.batch().modify(cell).send();
    assertThat(r.allOk()).as(r.summary()).isTrue();
    assertThat(primary.read(ReadQuery.key(cell))).containsExactly(cell);
  }

  @Test
  void multicastGroupsCloneSessionsAndDigestsAreWrittenAndReadBack() {
    var group =
        new MulticastGroup(3, List.of(new Replica(1, 0), new Replica(2, 0), new Replica(2, 1)));
    var session = new CloneSession(5, List.of(new Replica(255, 0)), 0, 0);
    primary.insert(group, session);
    assertThat(primary.read(ReadQuery.multicastGroup(3))).containsExactly(group);
    assertThat(primary.read(ReadQuery.cloneSession(5))).containsExactly(session);
    var changed = new MulticastGroup(3, List.of(new Replica(1, 0)));
    primary.modify(changed);
    assertThat(primary.read(new ReadQuery.MulticastGroups())).containsExactly(changed);

    var digest = new DigestConfig("learn_t", 1_000_000, 1, 10_000_000);
    primary.insert(digest);
    assertThat(primary.read(ReadQuery.key(digest))).containsExactly(digest);
  }

  // ---------------------------------------------------------------- errors

  @Test
  void aBatchWithGoodAndBadUpdatesGetsOneResultEach() {
    TableEntry a = exact("00:00:00:00:00:01", 1);
    TableEntry b = exact("00:00:00:00:00:02", 2);
    WriteResult r =
        primary
            .batch()
            .insert(a)
            .insert(a)
            .delete(b)
            .insert(b)
            .atomicity(P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR)
            .send();
    assertThat(r.results())
        .extracting(UpdateResult::code)
        .containsExactly(
            Status.Code.OK, Status.Code.ALREADY_EXISTS, Status.Code.NOT_FOUND, Status.Code.OK);
    assertThat(primary.readTable(PREFIX + "exact_table")).hasSize(2);
  }

  @Test
  void badInputRaisesPreciseErrorsAndChangesNothing() {
    primary.insert(exact("00:00:00:00:00:01", 1));
    assertThatThrownBy(() -> primary.insert(TableEntry.in("no_such_table").build()))
        .isInstanceOf(P4InfoException.class)
        .hasMessageContaining("unknown table 'no_such_table'");
    assertThatThrownBy(() -> primary.insert(exact("00:00:00:00:00:02", 600)))
        .isInstanceOf(InvalidEntityException.class)
        .hasMessageContaining("parameter 'port'")
        .hasMessageContaining("does not fit 9 bits");
    assertThatThrownBy(
            () ->
                primary.insert(
                    TableEntry.in(PREFIX + "range_table")
                        .range("ingress_port", Value.of(1), Value.of(2))
                        .action(PREFIX + "set_port", "port", 1)
                        .build()))
        .isInstanceOf(InvalidEntityException.class)
        .hasMessageContaining("need a priority");
    assertThat(primary.readTable(null)).containsExactly(canonical(exact("00:00:00:00:00:01", 1)));
  }

  // ---------------------------------------------------------------- packet I/O

  @Test
  void packetOutLeavesOnAPortAndComesBackAsPacketIn() throws Exception {
    assumeTrue(target.hasLoopedPorts(), () -> target.whyNoPorts());
    primary.packetIns().drain();
    byte[] lldp =
        HexFormat.of()
            .parseHex("0180c200000e" + "00000000aa01" + "88cc" + "0207040000000000aa01" + "0000");
    primary.sendPacket(lldp, Map.of("egress_port", Value.of(1)));
    PacketIn in = primary.packetIns().poll(Duration.ofSeconds(10));
    assertThat(in).as("packet-in after a packet-out looped from port 1 to port 2").isNotNull();
    assertThat(in.get("ingress_port")).isEqualTo(Value.of(2));
    assertThat(in.payload()).startsWith(lldp);
  }

  @Test
  void aDigestFromTheDataPlaneIsReceivedAndAcknowledged() throws Exception {
    assumeTrue(target.hasLoopedPorts(), () -> target.whyNoPorts());
    primary.insert(
        TableEntry.in(PREFIX + "exact_table")
            .exact("dst_addr", Value.mac("00:00:00:00:00:bb"))
            .action(PREFIX + "learn")
            .build());
    primary.insert(new DigestConfig("learn_t", 0, 1, 1_000_000_000));
    byte[] frame =
        HexFormat.of().parseHex("0000000000bb" + "00000000aa07" + "1234" + "00".repeat(46));
    primary.sendPacket(frame, Map.of("egress_port", Value.of(1)));
    DigestMessage d = primary.digests().poll(Duration.ofSeconds(10));
    assertThat(d).as("digest after a frame hit the learn action").isNotNull();
    assertThat(d.digest()).isEqualTo("learn_t");
    assertThat(d.items())
        .containsExactly(
            Map.of("src_addr", Value.mac("00:00:00:00:aa:07"), "ingress_port", Value.of(2)));
    primary.ackDigest(d);
  }

  @Test
  void idleEntriesAreReported() throws Exception {
    assumeTrue(supportsIdleTimeouts(), "the target does not age entries yet");
    TableEntry idle = exact("00:00:00:00:00:cc", 1).toBuilder().idleTimeoutNs(200_000_000L).build();
    primary.insert(idle);
    IdleTimeout t = primary.idleTimeouts().poll(Duration.ofSeconds(15));
    assertThat(t).as("idle-timeout notification").isNotNull();
    assertThat(t.entries()).extracting(TableEntry::matches).contains(canonical(idle).matches());
  }

  /** An entry as the target reports it: names in full, values canonical. */
  private TableEntry canonical(TableEntry e) {
    return primary.codec().canonical(e);
  }

  /** Drops the direct resources a target may add on read. */
  private static TableEntry strip(TableEntry e) {
    return e.toBuilder().counterData(null).meterConfig(null).build();
  }

  // ---------------------------------------------------------------- conformance for independent
  // clients

  private static final long PRIMARY_ELECTION_ID = 1000;

  private RawP4Runtime raw() {
    return new RawP4Runtime(target.grpcTarget(), target.deviceId());
  }

  private static net.vdn.p4runtime.proto.v1.Entity preEntity(
      net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry.Builder pre) {
    return net.vdn.p4runtime.proto.v1.Entity.newBuilder()
        .setPacketReplicationEngineEntry(pre)
        .build();
  }

  private static net.vdn.p4runtime.proto.v1.Entity group(
      int id, net.vdn.p4runtime.proto.v1.Replica... replicas) {
    return preEntity(
        net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry.newBuilder()
            .setMulticastGroupEntry(
                net.vdn.p4runtime.proto.v1.MulticastGroupEntry.newBuilder()
                    .setMulticastGroupId(id)
                    .addAllReplicas(List.of(replicas))));
  }

  private static net.vdn.p4runtime.proto.v1.Entity session(
      int id, net.vdn.p4runtime.proto.v1.Replica... replicas) {
    return preEntity(
        net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry.newBuilder()
            .setCloneSessionEntry(
                net.vdn.p4runtime.proto.v1.CloneSessionEntry.newBuilder()
                    .setSessionId(id)
                    .addAllReplicas(List.of(replicas))));
  }

  private static net.vdn.p4runtime.proto.v1.Replica oldStyle(int port, int instance) {
    return net.vdn.p4runtime.proto.v1.Replica.newBuilder()
        .setEgressPort(port)
        .setInstance(instance)
        .build();
  }

  private static net.vdn.p4runtime.proto.v1.Replica newStyle(int port, int instance) {
    return net.vdn.p4runtime.proto.v1.Replica.newBuilder()
        .setPort(com.google.protobuf.ByteString.copyFrom(new byte[] {(byte) port}))
        .setInstance(instance)
        .build();
  }

  private void writeRawOk(
      RawP4Runtime raw,
      net.vdn.p4runtime.proto.v1.Update.Type type,
      net.vdn.p4runtime.proto.v1.Entity entity) {
    WriteResult r = primary.writeRaw(raw.write(PRIMARY_ELECTION_ID, type, entity));
    assertThat(r.allOk()).as("%s", r.summary()).isTrue();
  }

  @Test
  void replicasAreReadBackInTheFieldTheyWereWrittenIn() {
    try (RawP4Runtime raw = raw()) {
      var insert = net.vdn.p4runtime.proto.v1.Update.Type.INSERT;
      // A client before P4Runtime 1.4 writes egress_port; a later one writes port.
      writeRawOk(raw, insert, group(7, oldStyle(1, 0), oldStyle(2, 1)));
      writeRawOk(raw, insert, group(8, newStyle(3, 0)));
      writeRawOk(raw, insert, session(9, oldStyle(2, 0)));
      writeRawOk(raw, insert, session(10, newStyle(4, 0)));

      // Replicas are a set: BMv2 answers them in an order of its own.
      assertThat(raw.read(group(7)))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(
                          e.getPacketReplicationEngineEntry()
                              .getMulticastGroupEntry()
                              .getReplicasList())
                      .containsExactlyInAnyOrder(oldStyle(1, 0), oldStyle(2, 1)));
      assertThat(raw.read(group(8)))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(
                          e.getPacketReplicationEngineEntry()
                              .getMulticastGroupEntry()
                              .getReplicasList())
                      .containsExactly(newStyle(3, 0)));
      assertThat(raw.read(session(9)))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(
                          e.getPacketReplicationEngineEntry()
                              .getCloneSessionEntry()
                              .getReplicasList())
                      .containsExactly(oldStyle(2, 0)));
      assertThat(raw.read(session(10)))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(
                          e.getPacketReplicationEngineEntry()
                              .getCloneSessionEntry()
                              .getReplicasList())
                      .containsExactly(newStyle(4, 0)));
    }
  }

  private net.vdn.p4runtime.proto.v1.Entity defaultEntry(
      net.vdn.p4runtime.proto.v1.TableAction action) {
    var e =
        net.vdn.p4runtime.proto.v1.TableEntry.newBuilder()
            .setTableId(primary.p4info().table(PREFIX + "exact_table").id())
            .setIsDefaultAction(true);
    if (action != null) {
      e.setAction(action);
    }
    return net.vdn.p4runtime.proto.v1.Entity.newBuilder().setTableEntry(e).build();
  }

  private net.vdn.p4runtime.proto.v1.TableAction call(String action) {
    return net.vdn.p4runtime.proto.v1.TableAction.newBuilder()
        .setAction(
            net.vdn.p4runtime.proto.v1.Action.newBuilder()
                .setActionId(primary.p4info().action(action).id()))
        .build();
  }

  @Test
  void modifyingTheDefaultEntryWithoutAnActionResetsItToTheProgramsDefault() {
    try (RawP4Runtime raw = raw()) {
      var modify = net.vdn.p4runtime.proto.v1.Update.Type.MODIFY;
      writeRawOk(raw, modify, defaultEntry(call(PREFIX + "learn")));
      assertThat(raw.read(defaultEntry(null)))
          .singleElement()
          .satisfies(
              e -> assertThat(e.getTableEntry().getAction()).isEqualTo(call(PREFIX + "learn")));

      writeRawOk(raw, modify, defaultEntry(null));

      assertThat(raw.read(defaultEntry(null)))
          .singleElement()
          .satisfies(e -> assertThat(e.getTableEntry().getAction()).isEqualTo(call("NoAction")));
    }
  }

  @Test
  void readingOneEntityThatDoesNotExistAnswersNotFoundWhateverItsKind() {
    primary.insert(exact("00:00:00:00:00:01", 1));
    var exactTable = primary.p4info().table(PREFIX + "exact_table");
    var absentEntry =
        net.vdn.p4runtime.proto.v1.TableEntry.newBuilder()
            .setTableId(exactTable.id())
            .addMatch(
                net.vdn.p4runtime.proto.v1.FieldMatch.newBuilder()
                    .setFieldId(1)
                    .setExact(
                        net.vdn.p4runtime.proto.v1.FieldMatch.Exact.newBuilder()
                            .setValue(
                                com.google.protobuf.ByteString.copyFrom(
                                    HexFormat.of().parseHex("000000000009")))))
            .build();
    int profile = primary.p4info().actionProfile(PREFIX + "ecmp_selector").getPreamble().getId();
    Map<String, net.vdn.p4runtime.proto.v1.Entity> absent = new java.util.LinkedHashMap<>();
    absent.put(
        "table entry",
        net.vdn.p4runtime.proto.v1.Entity.newBuilder().setTableEntry(absentEntry).build());
    absent.put(
        "direct counter entry",
        net.vdn.p4runtime.proto.v1.Entity.newBuilder()
            .setDirectCounterEntry(
                net.vdn.p4runtime.proto.v1.DirectCounterEntry.newBuilder()
                    .setTableEntry(absentEntry))
            .build());
    absent.put(
        "action profile member",
        net.vdn.p4runtime.proto.v1.Entity.newBuilder()
            .setActionProfileMember(
                net.vdn.p4runtime.proto.v1.ActionProfileMember.newBuilder()
                    .setActionProfileId(profile)
                    .setMemberId(77))
            .build());
    absent.put(
        "action profile group",
        net.vdn.p4runtime.proto.v1.Entity.newBuilder()
            .setActionProfileGroup(
                net.vdn.p4runtime.proto.v1.ActionProfileGroup.newBuilder()
                    .setActionProfileId(profile)
                    .setGroupId(77))
            .build());
    absent.put("multicast group", group(77));
    absent.put("clone session", session(77));
    try (RawP4Runtime raw = raw()) {
      Map<String, Status.Code> answered = new java.util.LinkedHashMap<>();
      Map<String, Status.Code> expected = new java.util.LinkedHashMap<>();
      for (var e : absent.entrySet()) {
        answered.put(e.getKey(), raw.readStatus(e.getValue()));
        expected.put(
            e.getKey(), absentReadDivergences().getOrDefault(e.getKey(), Status.Code.NOT_FOUND));
      }
      assertThat(answered).isEqualTo(expected);
      // What does exist is read as before, and so are wildcards over nothing.
      assertThat(raw.readStatus(group(0))).isEqualTo(Status.Code.OK);
      assertThat(raw.read(group(0))).isEmpty();
    }
  }

  @Test
  void aMeterConfigWithCirAbovePirIsRefusedAsInvalid() {
    var meterId = primary.p4info().meter(PREFIX + "port_meter").getPreamble().getId();
    var bad =
        net.vdn.p4runtime.proto.v1.MeterConfig.newBuilder()
            .setCir(2000)
            .setCburst(1500)
            .setPir(1000)
            .setPburst(1500)
            .build();
    var entity =
        net.vdn.p4runtime.proto.v1.Entity.newBuilder()
            .setMeterEntry(
                net.vdn.p4runtime.proto.v1.MeterEntry.newBuilder()
                    .setMeterId(meterId)
                    .setIndex(net.vdn.p4runtime.proto.v1.Index.newBuilder().setIndex(1))
                    .setConfig(bad))
            .build();
    try (RawP4Runtime raw = raw()) {
      WriteResult r =
          primary.writeRaw(
              raw.write(
                  PRIMARY_ELECTION_ID, net.vdn.p4runtime.proto.v1.Update.Type.MODIFY, entity));
      assertThat(r.results())
          .singleElement()
          .satisfies(u -> assertThat(u.code()).isEqualTo(cirAbovePirRefusal()));
      var read =
          raw.read(
              net.vdn.p4runtime.proto.v1.Entity.newBuilder()
                  .setMeterEntry(
                      net.vdn.p4runtime.proto.v1.MeterEntry.newBuilder()
                          .setMeterId(meterId)
                          .setIndex(net.vdn.p4runtime.proto.v1.Index.newBuilder().setIndex(1)))
                  .build());
      assertThat(read)
          .singleElement()
          .satisfies(e -> assertThat(e.getMeterEntry().getConfig().getCir()).isNotEqualTo(2000));
    }
  }
}
