package net.vdn.optical.netconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.vdn.optical.netconf.internal.Xml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The NETCONF client against a real netconfd (candidate target) behind sshd. */
class NetconfdSessionTest {
  static final String NS = "urn:vdn:optical";

  static NetconfdServer server;
  static NetconfClient client;
  NetconfSession session;

  @BeforeAll
  static void startServer() throws Exception {
    NetconfdServer.assumeAvailable();
    server = NetconfdServer.start(NetconfdServer.Target.CANDIDATE);
    client = NetconfClient.start();
  }

  @AfterAll
  static void stopServer() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void open() throws Exception {
    session = client.connect(server.options().build());
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (session.isOpen()) {
      session.discardChanges();
      session.editConfig(
          Datastore.CANDIDATE,
          List.of(Operation.REMOVE.on(container("terminal-device"))),
          EditOptions.DEFAULTS);
      session.commit();
      session.close();
    }
  }

  static Element container(String name) {
    return Xml.add(Xml.newDocument(), NS, name);
  }

  static Element channel(String name, long freq, String src, String dst) {
    Element td = container("terminal-device");
    Element ch = Xml.add(td, NS, "channel");
    Xml.add(ch, NS, "name", name);
    Xml.add(ch, NS, "frequency", Long.toString(freq));
    Xml.add(ch, NS, "source-port", src);
    Xml.add(ch, NS, "destination-port", dst);
    return td;
  }

  static List<String> channelNames(Element data) {
    List<String> names = new ArrayList<>();
    for (Element td : Xml.children(data, NS, "terminal-device")) {
      for (Element ch : Xml.children(td, NS, "channel")) {
        names.add(Xml.childText(ch, NS, "name"));
      }
    }
    return names;
  }

  @Test
  void helloNegotiatesChunkedFramingAndAdvertisesTheProjectModule() {
    assertThat(session.chunkedFraming()).isTrue();
    assertThat(session.sessionId()).isPositive();
    Capabilities caps = session.serverCapabilities();
    assertThat(caps.candidate()).isTrue();
    assertThat(caps.confirmedCommit()).isTrue();
    assertThat(caps.module(NS)).isTrue();
  }

  @Test
  void endOfMessageFramingWhenTheClientOffersOnlyBase10() throws Exception {
    try (NetconfSession old = client.connect(server.options().base11(false).build())) {
      assertThat(old.chunkedFraming()).isFalse();
      old.editConfig(
          Datastore.CANDIDATE,
          List.of(channel("eom", 193_100_000, "c1", "l1")),
          EditOptions.DEFAULTS);
      assertThat(channelNames(old.getConfig(Datastore.CANDIDATE, container("terminal-device"))))
          .containsExactly("eom");
      old.discardChanges();
    }
  }

  @Test
  void editInCandidateIsInvisibleInRunningUntilCommit() throws Exception {
    session.lock(Datastore.CANDIDATE);
    session.editConfig(
        Datastore.CANDIDATE,
        List.of(Operation.CREATE.on(channel("ch1", 193_100_000, "client-1", "line-1"))),
        EditOptions.DEFAULTS);
    Element filter = container("terminal-device");
    assertThat(channelNames(session.getConfig(Datastore.CANDIDATE, filter))).containsExactly("ch1");
    assertThat(channelNames(session.getConfig(Datastore.RUNNING, filter))).isEmpty();
    session.commit();
    session.unlock(Datastore.CANDIDATE);
    assertThat(channelNames(session.getConfig(Datastore.RUNNING, filter))).containsExactly("ch1");
    assertThat(channelNames(session.get(filter))).containsExactly("ch1");
  }

  @Test
  void createOfAnExistingChannelIsATypedDataExistsError() throws Exception {
    Element ch = channel("dup", 193_200_000, "client-1", "line-1");
    session.editConfig(Datastore.CANDIDATE, List.of(Operation.CREATE.on(ch)), EditOptions.DEFAULTS);
    session.commit();
    Element again = channel("dup", 193_200_000, "client-1", "line-1");
    Element listEntry = Xml.children(again).getFirst();
    Operation.CREATE.on(listEntry);
    assertThatThrownBy(
            () -> session.editConfig(Datastore.CANDIDATE, List.of(again), EditOptions.DEFAULTS))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              RpcError err = e.errors().getFirst();
              assertThat(err.tag()).isEqualTo("data-exists");
              assertThat(err.type()).isEqualTo("application");
              assertThat(err.severity()).isEqualTo("error");
              assertThat(err.path()).contains("channel");
            });
    // The session is still usable after the error.
    assertThat(channelNames(session.getConfig(Datastore.RUNNING, container("terminal-device"))))
        .containsExactly("dup");
  }

  @Test
  void outOfRangeFrequencyIsRejectedWithPathAndMessage() {
    Element bad = channel("bad", 100, "client-1", "line-1");
    assertThatThrownBy(
            () -> session.editConfig(Datastore.CANDIDATE, List.of(bad), EditOptions.DEFAULTS))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              RpcError err = e.errors().getFirst();
              assertThat(err.tag()).isIn("invalid-value", "bad-element");
              assertThat(err.path()).contains("frequency");
              assertThat(err.message()).isNotEmpty();
            });
  }

  @Test
  void lockHeldByAnotherSessionIsDeniedWithItsSessionId() throws Exception {
    session.lock(Datastore.CANDIDATE);
    try (NetconfSession other = client.connect(server.options().build())) {
      assertThatThrownBy(() -> other.lock(Datastore.CANDIDATE))
          .isInstanceOfSatisfying(
              RpcException.class,
              e -> {
                assertThat(e.hasTag("lock-denied")).isTrue();
                assertThat(e.errors().getFirst().info())
                    .containsEntry("session-id", Long.toString(session.sessionId()));
              });
    } finally {
      session.unlock(Datastore.CANDIDATE);
    }
  }

  @Test
  void killSessionEndsTheOtherSessionAndReleasesItsLock() throws Exception {
    NetconfSession other = client.connect(server.options().build());
    LinkedBlockingQueue<Throwable> closed = new LinkedBlockingQueue<>();
    other.addCloseListener(c -> closed.add(c == null ? new Exception("closed") : c));
    other.lock(Datastore.CANDIDATE);
    session.killSession(other.sessionId());
    assertThat(closed.poll(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(other.isOpen()).isFalse();
    assertThatThrownBy(() -> other.getConfig(Datastore.RUNNING, null))
        .isInstanceOf(NetconfSessionClosedException.class);
    session.lock(Datastore.CANDIDATE);
    session.unlock(Datastore.CANDIDATE);
  }

  @Test
  void discardChangesDropsUncommittedEdits() throws Exception {
    session.editConfig(
        Datastore.CANDIDATE, List.of(channel("tmp", 193_300_000, "c", "l")), EditOptions.DEFAULTS);
    session.discardChanges();
    assertThat(channelNames(session.getConfig(Datastore.CANDIDATE, container("terminal-device"))))
        .isEmpty();
  }

  @Test
  void secondChannelOnTheSameWavelengthAndPortIsRefusedAndChangesNothing() throws Exception {
    session.editConfig(
        Datastore.CANDIDATE,
        List.of(channel("a", 193_400_000, "client-1", "line-1")),
        EditOptions.DEFAULTS);
    assertThatThrownBy(
            () ->
                session.editConfig(
                    Datastore.CANDIDATE,
                    List.of(channel("b", 193_400_000, "client-1", "line-2")),
                    EditOptions.DEFAULTS))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.errors().getFirst().tag()).isEqualTo("operation-failed");
              assertThat(e.errors().getFirst().info()).containsKey("non-unique");
            });
    assertThat(channelNames(session.getConfig(Datastore.CANDIDATE, container("terminal-device"))))
        .containsExactly("a");
  }

  @Test
  void validateOfAValidCandidateAnswersOk() throws Exception {
    session.editConfig(
        Datastore.CANDIDATE, List.of(channel("v", 193_450_000, "c", "l")), EditOptions.DEFAULTS);
    session.validate(Datastore.CANDIDATE);
    assertThat(channelNames(session.getConfig(Datastore.CANDIDATE, container("terminal-device"))))
        .containsExactly("v");
  }

  @Test
  void missingMandatoryLeafIsDataMissing() {
    Element td = container("terminal-device");
    Element ch = Xml.add(td, NS, "channel");
    Xml.add(ch, NS, "name", "nofreq");
    Xml.add(ch, NS, "source-port", "c");
    Xml.add(ch, NS, "destination-port", "l");
    assertThatThrownBy(
            () -> session.editConfig(Datastore.CANDIDATE, List.of(td), EditOptions.DEFAULTS))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.errors().getFirst().tag()).isEqualTo("data-missing");
              assertThat(e.errors().getFirst().path()).endsWith("frequency");
            });
  }

  @Test
  void confirmedCommitIsRolledBackByCancelCommit() throws Exception {
    session.editConfig(
        Datastore.CANDIDATE, List.of(channel("cc", 193_500_000, "c", "l")), EditOptions.DEFAULTS);
    session.commitConfirmed(Duration.ofSeconds(60), null);
    Element filter = container("terminal-device");
    assertThat(channelNames(session.getConfig(Datastore.RUNNING, filter))).containsExactly("cc");
    session.cancelCommit(null);
    assertThat(channelNames(session.getConfig(Datastore.RUNNING, filter))).isEmpty();
  }

  @Test
  void confirmedCommitStaysWhenConfirmed() throws Exception {
    session.editConfig(
        Datastore.CANDIDATE, List.of(channel("kept", 193_550_000, "c", "l")), EditOptions.DEFAULTS);
    session.commitConfirmed(Duration.ofSeconds(60), null);
    session.commit();
    assertThat(channelNames(session.getConfig(Datastore.RUNNING, container("terminal-device"))))
        .containsExactly("kept");
  }

  @Test
  void severalRpcsInFlightAreCorrelatedByMessageId() throws Exception {
    List<CompletableFuture<Element>> replies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Document doc = Xml.newDocument();
      Element op = Xml.add(doc, Xml.NETCONF_NS, "edit-config");
      Xml.add(Xml.add(op, Xml.NETCONF_NS, "target"), Xml.NETCONF_NS, "candidate");
      Element config = Xml.add(op, Xml.NETCONF_NS, "config");
      config.appendChild(
          doc.importNode(channel("p" + i, 193_000_000 + i * 50_000L, "c" + i, "l"), true));
      replies.add(session.rpcAsync(op));
    }
    CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    List<String> ids = replies.stream().map(f -> f.join().getAttribute("message-id")).toList();
    assertThat(ids).doesNotHaveDuplicates().hasSize(20);
    assertThat(channelNames(session.getConfig(Datastore.CANDIDATE, container("terminal-device"))))
        .hasSize(20);
    assertThat(session.inFlight()).isZero();
  }

  @Test
  void copyConfigRunningToCandidateUndoesEdits() throws Exception {
    session.editConfig(
        Datastore.CANDIDATE, List.of(channel("cp", 193_600_000, "c", "l")), EditOptions.DEFAULTS);
    session.copyConfig(Datastore.CANDIDATE, Datastore.RUNNING);
    assertThat(channelNames(session.getConfig(Datastore.CANDIDATE, container("terminal-device"))))
        .isEmpty();
  }

  @Test
  void testOnlyEditChangesNothing() throws Exception {
    session.editConfig(
        Datastore.CANDIDATE,
        List.of(channel("t", 193_650_000, "c", "l")),
        EditOptions.DEFAULTS.withTestOption(EditOptions.TestOption.TEST_ONLY));
    assertThat(channelNames(session.getConfig(Datastore.CANDIDATE, container("terminal-device"))))
        .isEmpty();
  }

  @Test
  void notificationsArriveAfterCreateSubscription() throws Exception {
    LinkedBlockingQueue<Notification> got = new LinkedBlockingQueue<>();
    session.addNotificationListener(got::add);
    session.createSubscription(null, null, null, null);
    session.editConfig(
        Datastore.CANDIDATE, List.of(channel("n", 193_700_000, "c", "l")), EditOptions.DEFAULTS);
    session.commit();
    Notification n = got.poll(10, TimeUnit.SECONDS);
    assertThat(n).as("a notification after commit").isNotNull();
    assertThat(n.name()).isEqualTo("netconf-config-change");
    assertThat(n.eventTime()).isNotNull();
  }

  @Test
  void closeSessionEndsTheSession() throws Exception {
    NetconfSession other = client.connect(server.options().build());
    other.closeSession();
    assertThat(other.isOpen()).isFalse();
    assertThatThrownBy(() -> other.get(null)).isInstanceOf(NetconfSessionClosedException.class);
  }

  @Test
  void wrongHostKeyIsRefused() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    NetconfClientOptions wrong = server.options().hostKey(g.generateKeyPair().getPublic()).build();
    assertThatThrownBy(() -> client.connect(wrong))
        .isInstanceOf(NetconfSessionClosedException.class);
  }
}
