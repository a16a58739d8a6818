package net.vdn.optical.netconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.vdn.optical.netconf.internal.FrameReader;
import net.vdn.optical.netconf.internal.NetconfFramingException;
import net.vdn.optical.netconf.internal.Xml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Session logic against a scripted peer: correlation, timeouts and malformed input. */
class NetconfSessionTest {
  static final String BASE = "urn:ietf:params:xml:ns:netconf:base:1.0";

  /** The test plays the server on the other end of this pipe. */
  static final class Peer implements NetconfTransport {
    final BlockingQueue<String> fromClient = new LinkedBlockingQueue<>();
    final FrameReader reader = new FrameReader(1 << 20);
    Receiver receiver;
    volatile boolean closed;
    boolean chunked;

    @Override
    public void start(Receiver r) {
      receiver = r;
    }

    @Override
    public synchronized void send(byte[] data) throws java.io.IOException {
      if (closed) {
        throw new java.io.IOException("closed");
      }
      try {
        fromClient.addAll(reader.feed(data, 0, data.length));
      } catch (NetconfFramingException e) {
        throw new AssertionError("the client framed badly", e);
      }
    }

    @Override
    public String describe() {
      return "peer";
    }

    @Override
    public void close() {
      closed = true;
    }

    void sendRaw(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      receiver.received(b, 0, b.length);
    }

    void sendMessage(String xml) {
      byte[] b = FrameReader.frame(xml, chunked);
      receiver.received(b, 0, b.length);
    }

    String nextRpc() throws InterruptedException {
      String m = fromClient.poll(5, TimeUnit.SECONDS);
      assertThat(m).as("a message from the client").isNotNull();
      return m;
    }

    static String messageId(String rpc) {
      Matcher m = Pattern.compile("message-id=\"([^\"]+)\"").matcher(rpc);
      assertThat(m.find()).isTrue();
      return m.group(1);
    }
  }

  final Peer peer = new Peer();
  NetconfSession session;

  NetconfSession open(boolean base11Server) throws Exception {
    CompletableFuture<NetconfSession> s =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return NetconfSession.open(
                    peer,
                    NetconfClientOptions.builder("peer", 830, "u")
                        .password("p")
                        .acceptAnyHostKey()
                        .rpcTimeout(Duration.ofSeconds(5))
                        .build());
              } catch (NetconfException e) {
                throw new RuntimeException(e);
              }
            });
    String clientHello = peer.nextRpc();
    assertThat(clientHello).contains("urn:ietf:params:netconf:base:1.1");
    peer.sendRaw(
        "<hello xmlns=\""
            + BASE
            + "\"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability>"
            + (base11Server ? "<capability>urn:ietf:params:netconf:base:1.1</capability>" : "")
            + "</capabilities><session-id>7</session-id></hello>]]>]]>");
    if (base11Server) {
      peer.reader.useChunked();
      peer.chunked = true;
    } else {
      peer.reader.useEndOfMessage();
    }
    session = s.get(5, TimeUnit.SECONDS);
    return session;
  }

  @AfterEach
  void close() {
    if (session != null) {
      peer.closed = true;
      session.addCloseListener(c -> {});
    }
  }

  static Element getOp() {
    return Xml.add(Xml.newDocument(), BASE, "get");
  }

  static String ok(String id) {
    return "<rpc-reply xmlns=\"" + BASE + "\" message-id=\"" + id + "\"><ok/></rpc-reply>";
  }

  @Test
  void repliesOutOfOrderReachTheirOwnRpc() throws Exception {
    open(true);
    assertThat(session.sessionId()).isEqualTo(7);
    CompletableFuture<Element> a = session.rpcAsync(getOp());
    CompletableFuture<Element> b = session.rpcAsync(getOp());
    String idA = Peer.messageId(peer.nextRpc());
    String idB = Peer.messageId(peer.nextRpc());
    peer.sendMessage(
        "<rpc-reply xmlns=\"" + BASE + "\" message-id=\"" + idB + "\"><data>B</data></rpc-reply>");
    peer.sendMessage(
        "<rpc-reply xmlns=\"" + BASE + "\" message-id=\"" + idA + "\"><data>A</data></rpc-reply>");
    assertThat(a.get(5, TimeUnit.SECONDS).getTextContent()).isEqualTo("A");
    assertThat(b.get(5, TimeUnit.SECONDS).getTextContent()).isEqualTo("B");
  }

  @Test
  void base10ServerGetsEndOfMessageFraming() throws Exception {
    open(false);
    assertThat(session.chunkedFraming()).isFalse();
    CompletableFuture<Element> r = session.rpcAsync(getOp());
    String id = Peer.messageId(peer.nextRpc());
    peer.sendMessage(ok(id));
    assertThat(r.get(5, TimeUnit.SECONDS).getLocalName()).isEqualTo("rpc-reply");
  }

  @Test
  void rpcErrorsAreParsedIntoTypedFields() throws Exception {
    open(true);
    CompletableFuture<Element> r = session.rpcAsync(getOp());
    String id = Peer.messageId(peer.nextRpc());
    peer.sendMessage(
        "<rpc-reply xmlns=\""
            + BASE
            + "\" message-id=\""
            + id
            + "\"><rpc-error><error-type>application</error-type><error-tag>invalid-value</error-tag>"
            + "<error-severity>error</error-severity><error-app-tag>too-big</error-app-tag>"
            + "<error-path>/x:a/x:b</error-path><error-message xml:lang=\"en\">b is too big</error-message>"
            + "<error-info><bad-element>b</bad-element></error-info></rpc-error>"
            + "<rpc-error><error-type>protocol</error-type><error-tag>operation-failed</error-tag>"
            + "<error-severity>warning</error-severity></rpc-error></rpc-reply>");
    assertThatThrownBy(() -> NetconfSession.await(r))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.errors()).hasSize(2);
              RpcError first = e.errors().getFirst();
              assertThat(first)
                  .isEqualTo(
                      new RpcError(
                          "application",
                          "invalid-value",
                          "error",
                          "too-big",
                          "/x:a/x:b",
                          "b is too big",
                          java.util.Map.of("bad-element", "b")));
              assertThat(e.errors().get(1).isError()).isFalse();
            });
  }

  @Test
  void onlyWarningsIsSuccess() throws Exception {
    open(true);
    CompletableFuture<Element> r = session.rpcAsync(getOp());
    String id = Peer.messageId(peer.nextRpc());
    peer.sendMessage(
        "<rpc-reply xmlns=\""
            + BASE
            + "\" message-id=\""
            + id
            + "\"><rpc-error>"
            + "<error-type>application</error-type><error-tag>operation-failed</error-tag>"
            + "<error-severity>warning</error-severity></rpc-error><ok/></rpc-reply>");
    assertThat(r.get(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void malformedReplyFailsItsRpcAndTheSessionGoesOn() throws Exception {
    open(true);
    CompletableFuture<Element> r = session.rpcAsync(getOp());
    String id = Peer.messageId(peer.nextRpc());
    peer.sendMessage(
        "<rpc-reply xmlns=\"" + BASE + "\" message-id=\"" + id + "\"><data><a></data>");
    assertThatThrownBy(() -> NetconfSession.await(r))
        .isInstanceOfSatisfying(
            NetconfProtocolException.class, e -> assertThat(e.sessionClosed()).isFalse());
    assertThat(session.isOpen()).isTrue();
    assertThat(session.malformedMessages()).isEqualTo(1);
    CompletableFuture<Element> next = session.rpcAsync(getOp());
    peer.sendMessage(ok(Peer.messageId(peer.nextRpc())));
    assertThat(next.get(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void doctypeAndExternalEntitiesAreRefused() throws Exception {
    open(true);
    CompletableFuture<Element> r = session.rpcAsync(getOp());
    String id = Peer.messageId(peer.nextRpc());
    peer.sendMessage(
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<rpc-reply xmlns=\""
            + BASE
            + "\" message-id=\""
            + id
            + "\"><data>&x;</data></rpc-reply>");
    assertThatThrownBy(() -> NetconfSession.await(r)).isInstanceOf(NetconfProtocolException.class);
    assertThat(session.isOpen()).isTrue();
  }

  @Test
  void unattributableGarbageIsDroppedAndTheRpcTimesOut() throws Exception {
    open(true);
    CompletableFuture<Element> r = session.rpcAsync(getOp(), Duration.ofMillis(300));
    String id = Peer.messageId(peer.nextRpc());
    peer.sendMessage("this is not xml");
    assertThatThrownBy(() -> NetconfSession.await(r)).isInstanceOf(NetconfTimeoutException.class);
    // A reply that comes after the timeout is dropped, and the session still works.
    peer.sendMessage(ok(id));
    CompletableFuture<Element> next = session.rpcAsync(getOp());
    peer.sendMessage(ok(Peer.messageId(peer.nextRpc())));
    assertThat(next.get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(session.inFlight()).isZero();
  }

  @Test
  void framingErrorClosesTheSessionAndFailsEveryPendingRpc() throws Exception {
    open(true);
    BlockingQueue<Throwable> closed = new LinkedBlockingQueue<>();
    session.addCloseListener(closed::add);
    CompletableFuture<Element> a = session.rpcAsync(getOp());
    CompletableFuture<Element> b = session.rpcAsync(getOp());
    peer.sendRaw("\n#abc\n");
    for (CompletableFuture<Element> f : List.of(a, b)) {
      assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(NetconfSessionClosedException.class);
    }
    assertThat(closed.poll(5, TimeUnit.SECONDS)).isInstanceOf(NetconfProtocolException.class);
    assertThat(session.isOpen()).isFalse();
    assertThat(peer.closed).isTrue();
    assertThatThrownBy(() -> NetconfSession.await(session.rpcAsync(getOp())))
        .isInstanceOf(NetconfSessionClosedException.class);
  }

  @Test
  void helloWithoutSessionIdIsRefused() {
    CompletableFuture<Void> opened =
        CompletableFuture.runAsync(
            () -> {
              try {
                NetconfSession.open(
                    peer,
                    NetconfClientOptions.builder("peer", 830, "u")
                        .password("p")
                        .acceptAnyHostKey()
                        .build());
              } catch (NetconfException e) {
                throw new RuntimeException(e);
              }
            });
    try {
      peer.nextRpc();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    peer.sendRaw(
        "<hello xmlns=\""
            + BASE
            + "\"><capabilities><capability>"
            + "urn:ietf:params:netconf:base:1.1</capability></capabilities></hello>]]>]]>");
    assertThatThrownBy(() -> opened.get(5, TimeUnit.SECONDS))
        .cause()
        .cause()
        .isInstanceOf(NetconfProtocolException.class)
        .hasMessageContaining("session-id");
    assertThat(peer.closed).isTrue();
  }

  @Test
  void notificationsReachListenersAndMalformedOnesAreDropped() throws Exception {
    open(true);
    BlockingQueue<Notification> got = new LinkedBlockingQueue<>();
    session.addNotificationListener(got::add);
    String ns = "urn:ietf:params:xml:ns:netconf:notification:1.0";
    peer.sendMessage(
        "<notification xmlns=\""
            + ns
            + "\"><eventTime>yesterday</eventTime><x xmlns=\"urn:t\"/></notification>");
    peer.sendMessage(
        "<notification xmlns=\""
            + ns
            + "\"><eventTime>2025-01-15T10:00:00Z</eventTime>"
            + "<alarm xmlns=\"urn:t\"><id>1</id></alarm></notification>");
    Notification n = got.poll(5, TimeUnit.SECONDS);
    assertThat(n).isNotNull();
    assertThat(n.name()).isEqualTo("alarm");
    assertThat(n.namespace()).isEqualTo("urn:t");
    assertThat(n.eventTime().getYear()).isEqualTo(2025);
    assertThat(got.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(session.malformedMessages()).isEqualTo(1);
  }
}
