package net.vdn.controller.optical;

import java.util.regex.Pattern;
import net.vdn.controller.error.ConfigException;

/**
 * An optical device as declared in the config or over REST.
 *
 * @param driver {@code netconf} (the project's vdn-optical YANG) or {@code tl1}
 * @param password the password, or null with {@code privateKey} (NETCONF)
 * @param privateKey an OpenSSH private key file for NETCONF, or null
 * @param hostKey the device's SSH public key file (OpenSSH format) for NETCONF; required
 * @param tid the TL1 target identifier
 * @param model {@code terminal-device} or {@code wavelength-router} (NETCONF)
 */
public record OpticalDeviceConfig(
    String name,
    String driver,
    String host,
    int port,
    String user,
    String password,
    String privateKey,
    String hostKey,
    String tid,
    String model) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public OpticalDeviceConfig {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigException("name", "needs 1-64 letters, digits, '.', '_' or '-'");
    }
    if (!"netconf".equals(driver) && !"tl1".equals(driver)) {
      throw new ConfigException("driver", "'netconf' or 'tl1', got " + driver);
    }
    if (host == null || host.isBlank()) {
      throw new ConfigException("host", "is required");
    }
    if (port < 1 || port > 65535) {
      throw new ConfigException("port", "outside 1..65535: " + port);
    }
    if (user == null || user.isBlank()) {
      throw new ConfigException("user", "is required");
    }
    if (driver.equals("tl1") && password == null) {
      throw new ConfigException("password", "is required for TL1");
    }
    if (driver.equals("netconf")) {
      if (password == null && privateKey == null) {
        throw new ConfigException("password", "a password or a privateKey is required");
      }
      if (hostKey == null) {
        throw new ConfigException("hostKey", "the device's SSH public key file is required");
      }
      model = model == null ? "terminal-device" : model;
      if (!model.equals("terminal-device") && !model.equals("wavelength-router")) {
        throw new ConfigException(
            "model", "'terminal-device' or 'wavelength-router', got " + model);
      }
    }
  }
}
