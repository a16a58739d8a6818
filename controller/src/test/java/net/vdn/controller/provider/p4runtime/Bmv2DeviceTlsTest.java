package net.vdn.controller.provider.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.security.Caller;
import net.vdn.testsupport.FreePorts;
import net.vdn.testsupport.Programs;
import net.vdn.testsupport.RequiresBinary;
import net.vdn.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller drives BMv2 ({@code simple_switch_grpc --grpc-server-ssl ...
 * --grpc-server-with-client-auth}) over mutual TLS: it connects as primary, pushes the slicing
 * pipeline and reconciles; the same switch declared again (as another device id) with another CA to
 * trust is refused at the handshake and says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresBinary(
    value = "simple_switch_grpc",
    howToGet = "install BMv2 (see .ci/run; the p4tools bundle for Debian 12)")
class Bmv2DeviceTlsTest {
  Process bmv2;
  Path log;
  Controller controller;
  Caller api;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    assumeTrue(Programs.onPath("openssl"), "openssl is not on PATH (Debian package openssl)");
    TestCertificates pki = TestCertificates.make(Files.createDirectories(dir.resolve("pki")));
    TestCertificates other = TestCertificates.make(Files.createDirectories(dir.resolve("other")));
    int port = FreePorts.tcp();
    log = dir.resolve("bmv2.log");
    bmv2 =
        Programs.start(
            log,
            "simple_switch_grpc",
            "--device-id",
            "1",
            "--no-p4",
            "--thrift-port",
            String.valueOf(FreePorts.tcp()),
            "--notifications-addr",
            "ipc://" + dir.resolve("notifications.ipc"),
            "--",
            "--grpc-server-addr",
            "127.0.0.1:" + port,
            "--cpu-port",
            "255",
            "--grpc-server-ssl",
            "--grpc-server-cert",
            pki.serverCert().toString(),
            "--grpc-server-key",
            pki.serverKey().toString(),
            "--grpc-server-cacert",
            pki.ca().toString(),
            "--grpc-server-with-client-auth");
    awaitListening(port);
    String address = "127.0.0.1:" + port;
    controller =
        Controller.start(
            ControllerOptions.inMemory()
                .withRest("127.0.0.1", 0)
                .withDevices(
                    List.of(
                        device("bmv2", address, 1)
                            .withTls(
                                new DeviceConfig.Tls(
                                    pki.ca(), pki.clientCert(), pki.clientKey(), null)),
                        device("bmv2-other-ca", address, 2)
                            .withTls(
                                new DeviceConfig.Tls(
                                    other.ca(), pki.clientCert(), pki.clientKey(), null)))));
    api = new Caller(controller.restPort(), null);
  }

  private static DeviceConfig device(String name, String address, long id) {
    return new DeviceConfig(
        name, DeviceConfig.P4RUNTIME, address, id, DeviceConfig.SLICING, null, List.of(1), null);
  }

  private void awaitListening(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (java.io.IOException e) {
        if (!bmv2.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("BMv2 did not come up: " + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
  }

  @AfterAll
  void stop() {
    if (controller != null) {
      controller.close();
    }
    Programs.stop(bmv2);
  }

  @Test
  void programsBmv2OverMutualTlsAndRefusesAnotherCa() throws Exception {
    ControllerFixture.await(
        () -> "available".equals(api.get("/api/v1/devices/bmv2").json().path("state").asText()),
        Duration.ofSeconds(20),
        () -> api.get("/api/v1/devices").text());
    Caller.Answer other = api.get("/api/v1/devices/bmv2-other-ca");
    assertThat(other.json().get("state").asText()).isNotEqualTo("available");
    assertThat(other.json().path("lastError").asText())
        .as(other.text())
        .contains("TLS handshake")
        .contains("Path does not chain with any of the trust anchors")
        .contains("tls.ca");
  }
}
