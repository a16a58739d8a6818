package net.vdn.optical.netconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.vdn.optical.netconf.internal.Xml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The NETCONF client against netconfd started with {@code --target=running}. */
class NetconfdRunningTargetTest {
  static NetconfdServer server;
  static NetconfClient client;

  @BeforeAll
  static void startServer() throws Exception {
    NetconfdServer.assumeAvailable();
    server = NetconfdServer.start(NetconfdServer.Target.RUNNING);
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

  @Test
  void runningIsWritableAndThereIsNoCandidate() throws Exception {
    try (NetconfSession s = client.connect(server.options().build())) {
      assertThat(s.serverCapabilities().writableRunning()).isTrue();
      assertThat(s.serverCapabilities().candidate()).isFalse();
      assertThatThrownBy(s::commit).isInstanceOf(RpcException.class);
    }
  }

  @Test
  void rollbackOnErrorLeavesRunningUntouchedWhenOneEntryFails() throws Exception {
    try (NetconfSession s = client.connect(server.options().build())) {
      Element td = NetconfdSessionTest.channel("good", 193_100_000, "c", "l");
      Element bad = Xml.add(td, NetconfdSessionTest.NS, "channel");
      Xml.add(bad, NetconfdSessionTest.NS, "name", "bad");
      Xml.add(bad, NetconfdSessionTest.NS, "source-port", "c2");
      Xml.add(bad, NetconfdSessionTest.NS, "destination-port", "l");
      assertThatThrownBy(
              () ->
                  s.editConfig(
                      Datastore.RUNNING,
                      List.of(td),
                      EditOptions.DEFAULTS.withErrorOption(
                          EditOptions.ErrorOption.ROLLBACK_ON_ERROR)))
          .isInstanceOf(RpcException.class);
      assertThat(
              NetconfdSessionTest.channelNames(
                  s.getConfig(Datastore.RUNNING, NetconfdSessionTest.container("terminal-device"))))
          .isEmpty();
    }
  }

  @Test
  void editsOfRunningAreVisibleAtOnceAndDeleteOfAMissingEntryIsDataMissing() throws Exception {
    try (NetconfSession s = client.connect(server.options().build())) {
      s.lock(Datastore.RUNNING);
      s.editConfig(
          Datastore.RUNNING,
          List.of(NetconfdSessionTest.channel("r1", 193_100_000, "c", "l")),
          EditOptions.DEFAULTS);
      Element filter = NetconfdSessionTest.container("terminal-device");
      assertThat(NetconfdSessionTest.channelNames(s.getConfig(Datastore.RUNNING, filter)))
          .containsExactly("r1");
      Element del = NetconfdSessionTest.container("terminal-device");
      Element ch = Operation.DELETE.on(Xml.add(del, NetconfdSessionTest.NS, "channel"));
      Xml.add(ch, NetconfdSessionTest.NS, "name", "r1");
      s.editConfig(Datastore.RUNNING, List.of(del), EditOptions.DEFAULTS);
      assertThat(NetconfdSessionTest.channelNames(s.getConfig(Datastore.RUNNING, filter)))
          .isEmpty();
      assertThatThrownBy(() -> s.editConfig(Datastore.RUNNING, List.of(del), EditOptions.DEFAULTS))
          .isInstanceOfSatisfying(
              RpcException.class, e -> assertThat(e.hasTag("data-missing")).isTrue());
      s.unlock(Datastore.RUNNING);
    }
  }
}
