package net.vdn.optical;

import static org.assertj.core.api.Assertions.assertThat;

import net.vdn.optical.netconf.NetconfdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The NETCONF driver on netconfd started with {@code --target=running}. */
class NetconfOpticalDeviceRunningTest extends NetconfOpticalDeviceContract {
  static NetconfdServer server;

  @BeforeAll
  static void startServer() throws Exception {
    NetconfdServer.assumeAvailable();
    server = NetconfdServer.start(NetconfdServer.Target.RUNNING);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  NetconfdServer server() {
    return server;
  }

  @Test
  void editsGoToRunningDirectly() {
    assertThat(device.session().serverCapabilities().candidate()).isFalse();
  }
}
