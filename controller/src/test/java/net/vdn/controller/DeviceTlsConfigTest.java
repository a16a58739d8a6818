package net.vdn.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.error.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device's tls section in the config file: paths from the file's folder, bad ones refused. */
class DeviceTlsConfigTest {
  @Test
  void readsADevicesTlsWithPathsRelativeToTheConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vdn.json");
    Files.writeString(
        file,
        """
        {"devices": [{"name": "s1", "p4runtime": "10.1.0.1:9559", "deviceId": 1,
          "tls": {"ca": "pki/ca.pem", "certificate": "pki/vdn.pem", "key": "pki/vdn.key",
                  "serverName": "s1.switch.example"}}]}""");
    DeviceConfig.Tls tls = ControllerOptions.read(file).devices().getFirst().tls();
    assertThat(tls.ca()).isEqualTo(dir.resolve("pki/ca.pem"));
    assertThat(tls.certificate()).isEqualTo(dir.resolve("pki/vdn.pem"));
    assertThat(tls.key()).isEqualTo(dir.resolve("pki/vdn.key"));
    assertThat(tls.serverName()).isEqualTo("s1.switch.example");
    assertThat(tls.mutual()).isTrue();
  }

  @Test
  void refusesAKeyWithoutItsCertificateNamingTheDevicesField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vdn.json");
    Files.writeString(
        file,
        """
        {"devices": [{"name": "s1", "p4runtime": "10.1.0.1:9559", "deviceId": 1,
          "tls": {"ca": "ca.pem", "key": "vdn.key"}}]}""");
    assertThatThrownBy(() -> ControllerOptions.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("certificate and key go together")
        .extracting(e -> ((ConfigException) e).field())
        .isEqualTo("devices.tls");
  }

  @Test
  void refusesTlsWithoutACa(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vdn.json");
    Files.writeString(
        file,
        """
        {"devices": [{"name": "s1", "p4runtime": "10.1.0.1:9559", "deviceId": 1,
          "tls": {"serverName": "s1"}}]}""");
    assertThatThrownBy(() -> ControllerOptions.read(file))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).field())
        .isEqualTo("devices.tls.ca");
  }
}
