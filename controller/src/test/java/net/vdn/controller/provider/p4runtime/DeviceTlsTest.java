package net.vdn.controller.provider.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.security.Caller;
import net.vdn.softswitch.p4rt.ServerTls;
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import net.vdn.testsupport.RequiresBinary;
import net.vdn.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller drives softswitches over mutual TLS, set per device in its config: two switches
 * that demand a client certificate, wired port 1 to port 1, are connected, given the pipeline,
 * found linked by LLDP (packet-in and packet-out over the TLS stream), and programmed with a slice.
 * Devices whose certificates do not check out are refused, stay unavailable, and say why: a server
 * certificate from another CA, a name that is not the certificate's, no client certificate where
 * the switch demands one, and no TLS at all to a switch that speaks only TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
class DeviceTlsTest {
  private static final int CPU_PORT = 255;

  final List<SoftswitchDevice> switches = new ArrayList<>();
  Controller controller;
  Caller api;

  SoftswitchDevice softswitch(long id, ServerTls tls, List<DeviceConfig> into, DeviceConfig.Tls c)
      throws Exception {
    SoftswitchDevice s = new SoftswitchDevice(id, CPU_PORT);
    switches.add(s);
    for (int port : List.of(1, 10)) {
      s.ports().add(port, String.valueOf(port), 100_000_000L);
      s.ports().setLinkUp(port, true);
    }
    int port = s.serve("127.0.0.1", 0, tls);
    String name = "s" + id;
    into.add(DeviceConfig.p4(name, "127.0.0.1:" + port, id).withTls(c));
    return s;
  }

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    TestCertificates pki = TestCertificates.make(Files.createDirectories(dir.resolve("pki")));
    TestCertificates other = TestCertificates.make(Files.createDirectories(dir.resolve("other")));
    ServerTls mutual = new ServerTls(pki.serverCert(), pki.serverKey(), pki.ca());
    DeviceConfig.Tls good =
        new DeviceConfig.Tls(pki.ca(), pki.clientCert(), pki.clientKey(), "localhost");
    List<DeviceConfig> devices = new ArrayList<>();
    SoftswitchDevice s1 = softswitch(1, mutual, devices, good);
    SoftswitchDevice s3 =
        softswitch(
            3,
            mutual,
            devices,
            new DeviceConfig.Tls(pki.ca(), pki.clientCert(), pki.clientKey(), null));
    s1.onEgress((port, frame) -> deliver(s3, port, frame));
    s3.onEgress((port, frame) -> deliver(s1, port, frame));
    // Another CA signed the certificate this device is to trust.
    softswitch(
        5,
        mutual,
        devices,
        new DeviceConfig.Tls(other.ca(), pki.clientCert(), pki.clientKey(), null));
    // The certificate is for localhost and 127.0.0.1, not for this name.
    softswitch(
        6,
        mutual,
        devices,
        new DeviceConfig.Tls(pki.ca(), pki.clientCert(), pki.clientKey(), "switch.example"));
    // The switch demands a client certificate; the controller has none for it.
    softswitch(7, mutual, devices, new DeviceConfig.Tls(pki.ca(), null, null, null));
    // The switch speaks TLS only; the controller's config says plaintext.
    softswitch(8, mutual, devices, null);
    controller =
        Controller.start(
            ControllerOptions.inMemory()
                .withRest("127.0.0.1", 0)
                .withDiscoveryInterval(Duration.ofMillis(200))
                .withDevices(devices));
    api = new Caller(controller.restPort(), null);
  }

  private static void deliver(SoftswitchDevice to, int port, byte[] frame) {
    if (port == 1) {
      to.receive(1, frame);
    }
  }

  @AfterAll
  void stop() {
    if (controller != null) {
      controller.close();
    }
    switches.forEach(SoftswitchDevice::close);
  }

  @Test
  void programsSoftswitchesOverMutualTls() throws Exception {
    ControllerFixture.await(
        () -> controller.services().topology().links().size() == 2,
        Duration.ofSeconds(15),
        () -> "the link s1:1 <-> s3:1 over TLS; devices: " + api.get("/api/v1/devices").text());
    assertThat(api.get("/api/v1/devices/s1").json().get("state").asText()).isEqualTo("available");
    assertThat(api.get("/api/v1/devices/s3").json().get("state").asText()).isEqualTo("available");
    Caller.Answer created =
        api.call("POST", "/api/v1/slices", ControllerFixture.slice("t", "a", 100, 10, 1_000_000));
    assertThat(created.code()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("status").asText()).isEqualTo("active");
    assertThat(api.get("/api/v1/slices/t/stats").code()).isEqualTo(200);
  }

  @Test
  void refusesDevicesWhoseCertificatesDoNotCheckOutAndSaysWhy() throws Exception {
    // By then every device has been tried at least once.
    ControllerFixture.await(
        () -> controller.services().topology().links().size() == 2,
        Duration.ofSeconds(15),
        () -> "links");
    assertRefused("s5", "Path does not chain with any of the trust anchors", "tls.ca");
    assertRefused("s6", "No subject alternative DNS name matching switch.example", "serverName");
    assertRefused("s7", "CERTIFICATE_REQUIRED", "give tls.certificate and tls.key");
    assertRefused("s8", "UNAVAILABLE", "give it a tls section");
  }

  private void assertRefused(String device, String says, String hint) {
    Caller.Answer d = api.get("/api/v1/devices/" + device);
    assertThat(d.code()).isEqualTo(200);
    assertThat(d.json().get("state").asText()).as(d.text()).isNotEqualTo("available");
    assertThat(d.json().path("lastError").asText()).as(d.text()).contains(says).contains(hint);
  }
}
