package net.vdn.optical.tl1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TL1 client against the simulated network element. */
class Tl1ClientTest {
  Tl1Simulator ne;
  Tl1Client client;
  final BlockingQueue<Tl1Event> events = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    ne = Tl1Simulator.start();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    ne.close();
  }

  Tl1Client connect(Tl1ClientOptions o) throws Tl1Exception {
    client = Tl1Client.connect(o);
    client.addListener(events::add);
    return client;
  }

  <T extends Tl1Event> T nextEvent(Class<T> type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Tl1Event e = events.poll(100, TimeUnit.MILLISECONDS);
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
  }

  @Test
  void logsInAndRetrievesHeaderAndEquipment() throws Exception {
    connect(ne.clientOptions());
    assertThat(ne.loggedIn()).isEqualTo(1);
    assertThat(client.rtrvHdr().status()).isEqualTo(Tl1Message.Status.COMPLD);
    List<Tl1Line> eqpt = client.rtrvEqpt("ALL").parsedLines();
    assertThat(eqpt).extracting(Tl1Line::aid).contains("SHELF-1", "CLIENT-1", "LINE-2");
    assertThat(eqpt.getFirst().params()).containsEntry("TYPE", "ROADM");
  }

  @Test
  void wrongPasswordIsDeniedWithItsCode() {
    Tl1ClientOptions bad = Tl1ClientOptions.of("127.0.0.1", ne.port(), ne.tid(), "admin", "nope");
    assertThatThrownBy(() -> Tl1Client.connect(bad))
        .isInstanceOfSatisfying(
            Tl1Exception.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Tl1Exception.Kind.DENIED);
              assertThat(e.errorCode()).isEqualTo("PIUI");
            });
  }

  @Test
  void crossConnectLifecycleAndDenyCodes() throws Exception {
    connect(ne.clientOptions());
    client.entCrs("CLIENT-1", "LINE-1", Map.of("CKTID", "s1", "FREQ", "193100000"));
    assertThat(ne.crossConnects()).containsKey("CLIENT-1,LINE-1");
    assertThat(client.rtrvCrs("ALL").parsedLines().getFirst().params())
        .containsEntry("CKTID", "s1")
        .containsEntry("FREQ", "193100000");
    assertThatThrownBy(() -> client.entCrs("CLIENT-9", "LINE-1", Map.of("FREQ", "193100000")))
        .isInstanceOfSatisfying(
            Tl1Exception.class, e -> assertThat(e.errorCode()).isEqualTo("IIAC"));
    assertThatThrownBy(() -> client.entCrs("CLIENT-2", "LINE-1", Map.of("FREQ", "1")))
        .isInstanceOfSatisfying(
            Tl1Exception.class, e -> assertThat(e.errorCode()).isEqualTo("IDRG"));
    client.dltCrs("CLIENT-1", "LINE-1");
    assertThat(ne.crossConnects()).isEmpty();
    assertThatThrownBy(() -> client.dltCrs("CLIENT-1", "LINE-1"))
        .isInstanceOfSatisfying(
            Tl1Exception.class, e -> assertThat(e.errorCode()).isEqualTo("IENE"));
  }

  @Test
  void continuedBlocksAreJoinedIntoOneAnswer() throws Exception {
    connect(ne.clientOptions());
    ne.linesPerBlock(2);
    for (int i = 1; i <= 7; i++) {
      client.entCrs(
          "CLIENT-" + i,
          "LINE-" + (1 + i % 2),
          Map.of("CKTID", "c" + i, "FREQ", "1931" + i + "0000"));
    }
    Tl1Message.Response all = client.rtrvCrs("ALL");
    assertThat(all.lines()).hasSize(7);
    assertThat(all.parsedLines())
        .extracting(l -> l.params().get("CKTID"))
        .containsExactly("c1", "c2", "c3", "c4", "c5", "c6", "c7");
  }

  @Test
  void severalCommandsInFlightAreCorrelatedByCtag() throws Exception {
    connect(ne.clientOptions());
    List<CompletableFuture<Tl1Message.Response>> answers = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      answers.add(
          client.sendAsync(
              Tl1Command.of("ENT-CRS-OCH", ne.tid(), "CLIENT-" + i + ",LINE-1", "0")
                  .withParams(
                      Map.of("CKTID", "n" + i, "FREQ", Long.toString(193_000_000L + i * 50_000)))));
      answers.add(client.sendAsync(Tl1Command.of("RTRV-CRS-OCH", ne.tid(), "ALL", "0")));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(answers).extracting(f -> f.join().ctag()).doesNotHaveDuplicates();
    assertThat(ne.crossConnects()).hasSize(8);
  }

  @Test
  void deniedCommandIsTypedAndTheSessionGoesOn() throws Exception {
    connect(ne.clientOptions());
    ne.denyNext("SROF");
    assertThatThrownBy(() -> client.rtrvEqpt("ALL"))
        .isInstanceOfSatisfying(
            Tl1Exception.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Tl1Exception.Kind.DENIED);
              assertThat(e.errorCode()).isEqualTo("SROF");
            });
    assertThat(client.rtrvHdr().status()).isEqualTo(Tl1Message.Status.COMPLD);
  }

  @Test
  void garbageAnswerIsAProtocolErrorAndTheSessionGoesOn() throws Exception {
    connect(ne.clientOptions());
    ne.garbageNext("\r\n#%!@ this is not TL1 ;\r\n");
    assertThatThrownBy(() -> client.rtrvHdr())
        .isInstanceOfSatisfying(
            Tl1Exception.class, e -> assertThat(e.kind()).isEqualTo(Tl1Exception.Kind.PROTOCOL));
    assertThat(nextEvent(Tl1Event.ProtocolError.class).message().reason()).isNotEmpty();
    assertThat(client.rtrvHdr().status()).isEqualTo(Tl1Message.Status.COMPLD);
  }

  @Test
  void slowAnswerTimesOutAndALateAnswerIsDropped() throws Exception {
    connect(
        ne.clientOptions().withCommandTimeout(Duration.ofMillis(300)).withKeepAlive(Duration.ZERO));
    ne.delayReplies(Duration.ofMillis(1000));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> client.rtrvHdr())
        .isInstanceOfSatisfying(
            Tl1Exception.class, e -> assertThat(e.kind()).isEqualTo(Tl1Exception.Kind.TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(900));
    ne.delayReplies(Duration.ZERO);
    Thread.sleep(900); // the late answer arrives and is dropped
    assertThat(client.rtrvHdr().status()).isEqualTo(Tl1Message.Status.COMPLD);
  }

  @Test
  void alarmsArriveAsEventsAndAreListed() throws Exception {
    connect(ne.clientOptions());
    ne.raiseAlarm("LINE-1", "CR", "LOS", "Loss of signal");
    Tl1Message.Autonomous a = nextEvent(Tl1Event.Autonomous.class).message();
    assertThat(a.alarmCode()).isEqualTo("*C");
    assertThat(a.verb()).isEqualTo("REPT ALM EQPT");
    assertThat(a.parsedLines().getFirst().aid()).isEqualTo("LINE-1");
    assertThat(a.parsedLines().getFirst().block(2)).containsExactly("Loss of signal");
    assertThat(client.rtrvAlmAll().parsedLines())
        .extracting(Tl1Line::aid)
        .containsExactly("LINE-1");
    ne.clearAlarm("LINE-1", "LOS");
    Tl1Message.Autonomous cleared = nextEvent(Tl1Event.Autonomous.class).message();
    assertThat(cleared.alarmCode()).isEqualTo("A");
    assertThat(cleared.parsedLines().getFirst().block(1).getFirst()).isEqualTo("CL");
    assertThat(client.rtrvAlmAll().lines()).isEmpty();
  }

  @Test
  void droppedConnectionIsReestablishedAndLoggedInAgain() throws Exception {
    connect(ne.clientOptions());
    ne.dropConnections();
    assertThat(nextEvent(Tl1Event.Disconnected.class)).isNotNull();
    assertThatThrownBy(() -> client.rtrvHdr()).isInstanceOf(Tl1Exception.class);
    assertThat(nextEvent(Tl1Event.Reconnected.class).attempt()).isPositive();
    assertThat(client.isConnected()).isTrue();
    assertThat(ne.connections()).isEqualTo(2);
    assertThat(ne.received("ACT-USER")).isEqualTo(2);
    assertThat(client.rtrvEqpt("LINE-1").lines()).hasSize(1);
  }

  @Test
  void reconnectKeepsTryingWhileTheNeIsDown() throws Exception {
    connect(ne.clientOptions());
    int port = ne.port();
    ne.close();
    assertThat(nextEvent(Tl1Event.Disconnected.class)).isNotNull();
    Thread.sleep(500);
    assertThat(client.isConnected()).isFalse();
    ne = Tl1Simulator.startOn(port);
    assertThat(nextEvent(Tl1Event.Reconnected.class).attempt()).isGreaterThan(1);
    assertThat(client.rtrvHdr().status()).isEqualTo(Tl1Message.Status.COMPLD);
  }

  @Test
  void keepAliveSendsRtrvHdrAndDropsAStuckSession() throws Exception {
    connect(
        ne.clientOptions()
            .withKeepAlive(Duration.ofMillis(100))
            .withCommandTimeout(Duration.ofMillis(300)));
    Thread.sleep(550);
    assertThat(ne.received("RTRV-HDR")).isGreaterThanOrEqualTo(2);
    ne.delayReplies(Duration.ofMillis(1500));
    assertThat(nextEvent(Tl1Event.Disconnected.class)).isNotNull();
    ne.delayReplies(Duration.ZERO);
    assertThat(nextEvent(Tl1Event.Reconnected.class)).isNotNull();
  }

  @Test
  void closeLogsOut() throws Exception {
    connect(ne.clientOptions());
    client.close();
    client = null;
    assertThat(ne.received("CANC-USER")).isEqualTo(1);
  }
}
