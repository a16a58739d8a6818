package net.vdn.controller.optical.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.optical.NetconfOpticalDevice;
import net.vdn.optical.OpticalDevice;
import net.vdn.optical.Tl1OpticalDevice;
import net.vdn.optical.netconf.NetconfClientOptions;
import net.vdn.optical.netconf.SshKeys;
import net.vdn.optical.tl1.Tl1ClientOptions;

/** Drivers for declared optical devices: NETCONF over SSH, or TL1. */
final class OpticalDrivers {
  private OpticalDrivers() {}

  /** A driver for the device, not connected yet. */
  static OpticalDevice create(OpticalDeviceConfig c) {
    if (c.driver().equals("tl1")) {
      return new Tl1OpticalDevice(
          c.name(),
          Tl1ClientOptions.of(c.host(), c.port(), c.tid(), c.user(), c.password())
              .withCommandTimeout(Duration.ofSeconds(5)));
    }
    NetconfClientOptions.Builder b =
        NetconfClientOptions.builder(c.host(), c.port(), c.user()).hostKey(publicKey(c.hostKey()));
    if (c.password() != null) {
      b.password(c.password());
    }
    if (c.privateKey() != null) {
      b.keyPair(keyPair(c.privateKey()));
    }
    return new NetconfOpticalDevice(
        c.name(),
        b.build(),
        c.model().equals("terminal-device")
            ? NetconfOpticalDevice.Model.TERMINAL_DEVICE
            : NetconfOpticalDevice.Model.WAVELENGTH_ROUTER);
  }

  private static PublicKey publicKey(String file) {
    try {
      return SshKeys.readPublicKey(Path.of(file));
    } catch (IOException e) {
      throw new ConfigException("hostKey", e.getMessage());
    }
  }

  private static KeyPair keyPair(String file) {
    try {
      return SshKeys.readKeyPair(Path.of(file));
    } catch (IOException e) {
      throw new ConfigException("privateKey", e.getMessage());
    }
  }
}
