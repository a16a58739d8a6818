package net.vdn.gnmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.vdn.gnmi.proto.GetRequest;
import net.vdn.gnmi.proto.TypedValue;
import net.vdn.gnmi.wire.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against {@link FakeGnmiTarget} on a loopback port. */
class GnmiClientTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String OPER_1 = "/interfaces/interface[name=1]/state/oper-status";
  private static final String OPER_2 = "/interfaces/interface[name=2]/state/oper-status";
  private static final String ENABLED_1 = "/interfaces/interface[name=1]/config/enabled";

  private FakeGnmiTarget fake;
  private GnmiClient client;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeGnmiTarget();
    fake.put(OPER_1, GnmiValue.of("UP"));
    fake.put(OPER_2, GnmiValue.of("DOWN"));
    fake.put(ENABLED_1, GnmiValue.of(true));
    client = GnmiClient.connect(options().build());
  }

  private GnmiOptions.Builder options() {
    return GnmiOptions.builder(fake.target())
        .rpcTimeout(WAIT)
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    fake.close();
  }

  @Test
  void capabilitiesReportVersionModelsAndEncodings() {
    Capabilities caps = client.capabilities();
    assertThat(caps.gnmiVersion()).isEqualTo("0.10.0");
    assertThat(caps.models())
        .containsExactly(
            new Capabilities.Model("openconfig-interfaces", "OpenConfig working group", "2.4.3"));
    assertThat(caps.supports(Encoding.PROTO)).isTrue();
    assertThat(caps.supports(Encoding.JSON)).isFalse();
  }

  @Test
  void getReturnsLeavesWithTheirFullPaths() {
    List<Notification> got = client.get(GnmiPath.parse("/interfaces/interface[name=1]"));
    assertThat(got).hasSize(1);
    assertThat(got.getFirst().prefix()).hasToString("/interfaces/interface[name=1]");
    assertThat(got.getFirst().updates())
        .extracting(u -> u.path().toString())
        .containsExactlyInAnyOrder(ENABLED_1, OPER_1);
    assertThat(client.getValue(GnmiPath.parse(OPER_2))).isEqualTo(GnmiValue.of("DOWN"));
  }

  @Test
  void getSendsPathsEncodingAndDataType() {
    assertThatThrownBy(
            () -> client.get(List.of(GnmiPath.parse(OPER_1)), Encoding.JSON_IETF, DataType.STATE))
        .isInstanceOfSatisfying(
            GnmiTargetException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.UNIMPLEMENTED));
    GetRequest sent = fake.gets.getLast();
    assertThat(sent.getEncoding()).isEqualTo(net.vdn.gnmi.proto.Encoding.JSON_IETF);
    assertThat(sent.getType()).isEqualTo(GetRequest.DataType.STATE);
    assertThat(Wire.path(sent.getPath(0))).hasToString(OPER_1);
  }

  @Test
  void getOfAMissingPathFailsWithTheTargetsCode() {
    assertThatThrownBy(() -> client.get(GnmiPath.parse("/interfaces/interface[name=9]")))
        .isInstanceOfSatisfying(
            GnmiTargetException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND))
        .hasMessageContaining("Get [/interfaces/interface[name=9]] failed: NOT_FOUND");
  }

  @Test
  void getValueRefusesAPathWithSeveralLeaves() {
    assertThatThrownBy(() -> client.getValue(GnmiPath.parse("/interfaces")))
        .isInstanceOf(GnmiException.class)
        .hasMessageContaining("returned 3 values, expected one leaf");
  }

  @Test
  void setAppliesDeletesReplacesAndUpdatesInOneTransaction() {
    String desc1 = "/interfaces/interface[name=1]/config/description";
    String enabled2 = "/interfaces/interface[name=2]/config/enabled";
    fake.put(desc1, GnmiValue.of("uplink"));
    SetResult result =
        client
            .set()
            .update(GnmiPath.parse(enabled2), GnmiValue.of(false))
            .replace(GnmiPath.parse(ENABLED_1), GnmiValue.of(false))
            .delete(GnmiPath.parse(desc1))
            .commit();
    assertThat(fake.sets).hasSize(1);
    assertThat(result.results())
        .extracting(SetResult.Operation::op)
        .containsExactly(SetResult.Op.DELETE, SetResult.Op.REPLACE, SetResult.Op.UPDATE);
    assertThat(result.results().getFirst().path()).hasToString(desc1);
    assertThat(fake.value(desc1)).isNull();
    assertThat(fake.value(ENABLED_1)).isEqualTo(GnmiValue.of(false));
    assertThat(fake.value(enabled2)).isEqualTo(GnmiValue.of(false));
  }

  @Test
  void aRefusedTransactionChangesNothing() {
    var tx =
        client
            .set()
            .update(GnmiPath.parse(ENABLED_1), GnmiValue.of(false))
            .update(GnmiPath.parse(OPER_1), GnmiValue.of("DOWN"));
    assertThatThrownBy(tx::commit)
        .isInstanceOfSatisfying(
            GnmiTargetException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("Set (0 deletes, 0 replaces, 2 updates) failed")
        .hasMessageContaining("is read-only");
    assertThat(fake.value(ENABLED_1)).isEqualTo(GnmiValue.of(true));
    assertThatThrownBy(() -> client.set().commit()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void credentialsTravelAsUsernameAndPasswordHeaders() {
    try (var authed = GnmiClient.connect(options().credentials("ops", "s3cret").build())) {
      authed.capabilities();
    }
    Metadata h = fake.headers.getLast();
    assertThat(h.get(Metadata.Key.of("username", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("ops");
    assertThat(h.get(Metadata.Key.of("password", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("s3cret");
    client.capabilities();
    assertThat(fake.headers.getLast().keys()).doesNotContain("username", "password");
  }

  @Test
  void unreachableTargetFailsWithUnavailable() {
    try (var nowhere =
        GnmiClient.connect(GnmiOptions.builder("127.0.0.1:1").rpcTimeout(WAIT).build())) {
      assertThatThrownBy(nowhere::capabilities)
          .isInstanceOfSatisfying(
              GnmiTargetException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE));
    }
  }

  @Test
  void subscribeOnceDeliversTheValuesThenSyncThenEnds() throws Exception {
    try (var sub =
        client.subscribe(
            SubscriptionList.once(
                GnmiPath.parse("/interfaces/interface[name=*]/state/oper-status")))) {
      List<SubscribeEvent> events = until(sub, e -> e instanceof SubscribeEvent.Ended);
      assertThat(events).hasSize(3);
      var data = (SubscribeEvent.Data) events.get(0);
      assertThat(data.notification().updates())
          .extracting(u -> u.path().toString() + "=" + u.value())
          .containsExactlyInAnyOrder(
              OPER_1 + "=StringValue[value=UP]", OPER_2 + "=StringValue[value=DOWN]");
      assertThat(events.get(1)).isInstanceOf(SubscribeEvent.Sync.class);
      assertThat(((SubscribeEvent.Ended) events.get(2)).code()).isEqualTo(Status.Code.OK);
      assertThat(sub.isEnded()).isTrue();
      assertThat(sub.awaitSync(WAIT)).isTrue();
      assertThat(fake.subscribeCalls()).as("a ONCE subscription is not reopened").isEqualTo(1);
      var sent = fake.subscribeRequests.getFirst().getSubscribe();
      assertThat(sent.getMode()).isEqualTo(net.vdn.gnmi.proto.SubscriptionList.Mode.ONCE);
      assertThat(sent.getEncoding()).isEqualTo(net.vdn.gnmi.proto.Encoding.PROTO);
    }
  }

  @Test
  void subscribePollAnswersEachPollWithValuesAndSync() throws Exception {
    try (var sub = client.subscribe(SubscriptionList.poll(GnmiPath.parse(OPER_1)))) {
      assertThat(sub.awaitSync(WAIT)).isTrue();
      assertThat(until(sub, e -> e instanceof SubscribeEvent.Sync)).hasSize(2);
      fake.put(OPER_1, GnmiValue.of("DOWN"));
      assertThat(sub.events().poll(Duration.ofMillis(100)))
          .as("POLL sends nothing until polled")
          .isNull();
      sub.poll();
      assertThat(sub.awaitSync(WAIT)).isTrue();
      List<SubscribeEvent> round = until(sub, e -> e instanceof SubscribeEvent.Sync);
      assertThat(
              ((SubscribeEvent.Data) round.getFirst()).notification().updates().getFirst().value())
          .isEqualTo(GnmiValue.of("DOWN"));
      assertThat(sub.syncCount()).isEqualTo(2);
      assertThat(fake.subscribeRequests).hasSize(2);
      assertThat(fake.subscribeRequests.getLast().hasPoll()).isTrue();
    }
  }

  @Test
  void pollNeedsAPollSubscription() {
    try (var sub =
        client.subscribe(SubscriptionList.stream(Subscription.onChange(GnmiPath.parse(OPER_1))))) {
      assertThatThrownBy(sub::poll)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not STREAM");
    }
  }

  @Test
  void streamOnChangeSendsInitialValuesSyncAndThenEachChange() throws Exception {
    try (var sub =
        client.subscribe(SubscriptionList.stream(Subscription.onChange(GnmiPath.parse(OPER_1))))) {
      List<SubscribeEvent> initial = until(sub, e -> e instanceof SubscribeEvent.Sync);
      assertThat(initial).hasSize(2);
      assertThat(value(initial.getFirst())).isEqualTo(GnmiValue.of("UP"));
      fake.put(OPER_2, GnmiValue.of("UP")); // not subscribed
      fake.put(OPER_1, GnmiValue.of("DOWN"));
      fake.put(OPER_1, GnmiValue.of("UP"));
      assertThat(value(next(sub))).isEqualTo(GnmiValue.of("DOWN"));
      assertThat(value(next(sub))).isEqualTo(GnmiValue.of("UP"));
      var sent = fake.subscribeRequests.getFirst().getSubscribe().getSubscription(0);
      assertThat(sent.getMode()).isEqualTo(net.vdn.gnmi.proto.SubscriptionMode.ON_CHANGE);
    }
  }

  @Test
  void streamUpdatesOnlySkipsTheInitialValues() throws Exception {
    try (var sub =
        client.subscribe(
            SubscriptionList.stream(Subscription.targetDefined(GnmiPath.parse(OPER_1)))
                .withUpdatesOnly(true))) {
      assertThat(next(sub)).isInstanceOf(SubscribeEvent.Sync.class);
      fake.put(OPER_1, GnmiValue.of("DOWN"));
      assertThat(value(next(sub))).isEqualTo(GnmiValue.of("DOWN"));
    }
  }

  @Test
  void streamSampleSendsValuesEveryInterval() throws Exception {
    String octets = "/interfaces/interface[name=1]/state/counters/in-octets";
    fake.put(octets, GnmiValue.ofUint(100));
    try (var sub =
        client.subscribe(
            SubscriptionList.stream(
                Subscription.sample(GnmiPath.parse(octets), Duration.ofMillis(20))))) {
      assertThat(sub.awaitSync(WAIT)).isTrue();
      until(sub, e -> e instanceof SubscribeEvent.Sync);
      assertThat(value(next(sub))).isEqualTo(GnmiValue.ofUint(100));
      fake.put(octets, GnmiValue.ofUint(250));
      assertThat(
              until(
                  sub,
                  e ->
                      e instanceof SubscribeEvent.Data d && value(d).equals(GnmiValue.ofUint(250))))
          .isNotEmpty();
      var sent = fake.subscribeRequests.getFirst().getSubscribe().getSubscription(0);
      assertThat(sent.getMode()).isEqualTo(net.vdn.gnmi.proto.SubscriptionMode.SAMPLE);
      assertThat(sent.getSampleInterval()).isEqualTo(20_000_000L);
    }
  }

  @Test
  void streamReconnectsWhenTheTargetBreaksIt() throws Exception {
    try (var sub =
        client.subscribe(SubscriptionList.stream(Subscription.onChange(GnmiPath.parse(OPER_1))))) {
      assertThat(sub.awaitSync(WAIT)).isTrue();
      until(sub, e -> e instanceof SubscribeEvent.Sync);
      fake.breakStreams(Status.UNAVAILABLE.withDescription("switch rebooting"));
      var interrupted = (SubscribeEvent.Interrupted) next(sub);
      assertThat(interrupted.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(interrupted.description()).isEqualTo("switch rebooting");
      assertThat(interrupted.retryIn()).isBetween(Duration.ofMillis(1), Duration.ofMillis(50));
      List<SubscribeEvent> again = until(sub, e -> e instanceof SubscribeEvent.Sync);
      assertThat(value(again.getFirst())).isEqualTo(GnmiValue.of("UP"));
      assertThat(fake.subscribeCalls()).isEqualTo(2);
      assertThat(sub.syncCount()).isEqualTo(2);
      fake.put(OPER_1, GnmiValue.of("DOWN"));
      assertThat(value(next(sub))).isEqualTo(GnmiValue.of("DOWN"));
    }
  }

  @Test
  void aRefusedStreamEndsWithoutReconnecting() throws Exception {
    try (var sub =
        client.subscribe(
            SubscriptionList.stream(Subscription.onChange(GnmiPath.parse("/refuse/me"))))) {
      var ended = (SubscribeEvent.Ended) next(sub);
      assertThat(ended.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(ended.description()).contains("refused /refuse/me");
      assertThat(sub.awaitSync(Duration.ofMillis(50))).isFalse();
      assertThat(sub.isEnded()).isTrue();
      assertThat(fake.subscribeCalls()).isEqualTo(1);
    }
  }

  @Test
  void aSlowConsumerLosesTheOldestEventsNotTheStream() throws Exception {
    for (int i = 0; i < 10; i++) {
      fake.put("/x/leaf" + i, GnmiValue.ofUint(i));
    }
    List<Subscription> subs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      subs.add(Subscription.of(GnmiPath.parse("/x/leaf" + i)));
    }
    try (var small = GnmiClient.connect(options().eventQueueCapacity(3).build());
        var sub =
            small.subscribe(
                new SubscriptionList(SubscriptionList.Mode.ONCE, null, subs, null, false))) {
      assertThat(sub.awaitSync(WAIT)).isTrue();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!sub.isEnded() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      List<SubscribeEvent> kept = sub.events().drain();
      assertThat(kept).hasSize(3);
      assertThat(value(kept.get(0))).isEqualTo(GnmiValue.ofUint(9));
      assertThat(kept.get(1)).isInstanceOf(SubscribeEvent.Sync.class);
      assertThat(kept.get(2)).isInstanceOf(SubscribeEvent.Ended.class);
      assertThat(sub.events().received()).isEqualTo(12);
      assertThat(sub.events().dropped()).isEqualTo(9);
    }
  }

  @Test
  void anUndecodableValueIsReportedAndTheStreamGoesOn() throws Exception {
    try (var sub =
        client.subscribe(
            SubscriptionList.stream(Subscription.onChange(GnmiPath.parse("/interfaces"))))) {
      until(sub, e -> e instanceof SubscribeEvent.Sync);
      fake.putRaw(
          GnmiPath.parse("/interfaces/x"),
          TypedValue.newBuilder()
              .setProtoBytes(com.google.protobuf.ByteString.copyFromUtf8("?"))
              .build());
      fake.put(OPER_2, GnmiValue.of("UP"));
      var bad = (SubscribeEvent.Undecodable) next(sub);
      assertThat(bad.problem()).contains("/interfaces/x: ").contains("proto_bytes");
      assertThat(value(next(sub))).isEqualTo(GnmiValue.of("UP"));
    }
  }

  @Test
  void closingTheClientCancelsItsSubscriptionsOnTheTarget() throws Exception {
    var sub =
        client.subscribe(SubscriptionList.stream(Subscription.onChange(GnmiPath.parse(OPER_1))));
    assertThat(sub.awaitSync(WAIT)).isTrue();
    assertThat(fake.openStreams()).isEqualTo(1);
    client.close();
    assertThat(sub.isEnded()).isTrue();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (fake.openStreams() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(fake.openStreams()).isZero();
  }

  @Test
  void errorsAndLogsNameTheDevice() throws Exception {
    assertThat(GnmiOptions.builder("10.1.0.1:9339").build().name()).isEqualTo("10.1.0.1:9339");
    assertThatThrownBy(() -> client.getValue(GnmiPath.parse("/interfaces/interface[name=9]")))
        .hasMessageStartingWith("device " + fake.target() + ": gNMI Get");
    try (var named = GnmiClient.connect(options().name("seoul").build())) {
      assertThatThrownBy(() -> named.getValue(GnmiPath.parse("/interfaces/interface[name=9]")))
          .hasMessageStartingWith("device seoul at " + fake.target() + ": gNMI Get");
    }
  }

  // ------------------------------------------------------------------ helpers

  /** The next event, failing the test when none comes within the wait. */
  static SubscribeEvent next(SubscribeStream sub) throws InterruptedException {
    SubscribeEvent e = sub.events().poll(WAIT);
    assertThat(e).as("an event within %s", WAIT).isNotNull();
    return e;
  }

  /** Events up to and including the first that satisfies the predicate. */
  static List<SubscribeEvent> until(SubscribeStream sub, Predicate<SubscribeEvent> last)
      throws InterruptedException {
    List<SubscribeEvent> out = new ArrayList<>();
    while (true) {
      SubscribeEvent e = next(sub);
      out.add(e);
      if (last.test(e)) {
        return out;
      }
    }
  }

  /** The value of a Data event that carries one update. */
  static GnmiValue value(SubscribeEvent e) {
    assertThat(e).isInstanceOf(SubscribeEvent.Data.class);
    var updates = ((SubscribeEvent.Data) e).notification().updates();
    assertThat(updates).hasSize(1);
    return updates.getFirst().value();
  }
}
