package net.vdn.controller.device;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import net.vdn.controller.error.ConfigException;

/**
 * A device the controller drives, as declared in its config file or over REST.
 *
 * @param name the controller's name for it (letters, digits, {@code . _ -})
 * @param driver how it is driven; {@code p4runtime} for now
 * @param p4runtime P4Runtime address, {@code host:port}
 * @param deviceId the P4Runtime device id
 * @param pipeconf the pipeline it runs; {@code slicing}
 * @param gnmi gNMI address for ports, speeds and counters, or null when the device has none
 * @param ports the ports to probe for links when there is no gNMI to list them, or null
 * @param portSpeedBps the speed assumed for ports whose speed is not reported, or null for 10 Gb/s
 * @param tls TLS (or mutual TLS) to the device's P4Runtime and gNMI servers, or null for plaintext
 */
public record DeviceConfig(
    String name,
    String driver,
    String p4runtime,
    long deviceId,
    String pipeconf,
    String gnmi,
    List<Integer> ports,
    Long portSpeedBps,
    Tls tls) {
  public static final String P4RUNTIME = "p4runtime";
  public static final String SLICING = "slicing";
  public static final long DEFAULT_PORT_SPEED_BPS = 10_000_000_000L;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+:\\d{1,5}");

  public DeviceConfig {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigException(
          "name", "needs 1-64 letters, digits, '.', '_' or '-', got " + quote(name));
    }
    driver = driver == null ? P4RUNTIME : driver;
    if (!driver.equals(P4RUNTIME)) {
      throw new ConfigException("driver", "unknown driver " + quote(driver) + "; known: p4runtime");
    }
    if (p4runtime == null || !ADDRESS.matcher(p4runtime).matches()) {
      throw new ConfigException("p4runtime", "needs host:port, got " + quote(p4runtime));
    }
    if (deviceId < 0) {
      throw new ConfigException("deviceId", "must not be negative, got " + deviceId);
    }
    pipeconf = pipeconf == null ? SLICING : pipeconf;
    if (!pipeconf.equals(SLICING)) {
      throw new ConfigException(
          "pipeconf", "unknown pipeconf " + quote(pipeconf) + "; known: slicing");
    }
    if (gnmi != null && !ADDRESS.matcher(gnmi).matches()) {
      throw new ConfigException("gnmi", "needs host:port, got " + quote(gnmi));
    }
    if (ports != null) {
      ports = List.copyOf(ports);
      for (int i = 0; i < ports.size(); i++) {
        if (ports.get(i) < 1 || ports.get(i) > 510) {
          throw new ConfigException("ports[" + i + "]", "outside 1..510: " + ports.get(i));
        }
      }
    }
    if (portSpeedBps != null && portSpeedBps <= 0) {
      throw new ConfigException("portSpeedBps", "must be positive, got " + portSpeedBps);
    }
  }

  /** A device without TLS. */
  public DeviceConfig(
      String name,
      String driver,
      String p4runtime,
      long deviceId,
      String pipeconf,
      String gnmi,
      List<Integer> ports,
      Long portSpeedBps) {
    this(name, driver, p4runtime, deviceId, pipeconf, gnmi, ports, portSpeedBps, null);
  }

  /**
   * TLS to a device: the CA its server certificate must chain to, this controller's certificate and
   * key when the device asks for one (mutual TLS), and the name the device's certificate carries
   * when it is not the host of its address (a switch reached by IP address).
   *
   * @param ca PEM CA certificate(s) trusted for the device's server certificate
   * @param certificate PEM client certificate chain, or null
   * @param key PEM private key (PKCS#8) of the client certificate, or null
   * @param serverName the name to check the device's certificate against, or null for the host
   */
  public record Tls(Path ca, Path certificate, Path key, String serverName) {
    public Tls {
      if (ca == null) {
        throw new ConfigException("tls.ca", "required: the CA the device's certificate chains to");
      }
      if ((certificate == null) != (key == null)) {
        throw new ConfigException("tls", "certificate and key go together");
      }
      if (serverName != null && !serverName.matches("[A-Za-z0-9.-]{1,253}")) {
        throw new ConfigException("tls.serverName", "needs a DNS name, got '" + serverName + "'");
      }
    }

    /** Whether the controller presents a certificate of its own. */
    public boolean mutual() {
      return certificate != null;
    }

    Tls resolve(UnaryOperator<Path> in) {
      return new Tls(
          in.apply(ca),
          certificate == null ? null : in.apply(certificate),
          key == null ? null : in.apply(key),
          serverName);
    }
  }

  /** This device with the paths of its config resolved (against the config file's folder). */
  public DeviceConfig resolve(UnaryOperator<Path> in) {
    return tls == null
        ? this
        : new DeviceConfig(
            name,
            driver,
            p4runtime,
            deviceId,
            pipeconf,
            gnmi,
            ports,
            portSpeedBps,
            tls.resolve(in));
  }

  /** This device reached over TLS. */
  public DeviceConfig withTls(Tls t) {
    return new DeviceConfig(
        name, driver, p4runtime, deviceId, pipeconf, gnmi, ports, portSpeedBps, t);
  }

  /** A P4Runtime device running the slicing pipeline, with gNMI on the same address. */
  public static DeviceConfig p4(String name, String address, long deviceId) {
    return new DeviceConfig(name, P4RUNTIME, address, deviceId, SLICING, address, null, null);
  }

  public long speedOrDefault() {
    return portSpeedBps == null ? DEFAULT_PORT_SPEED_BPS : portSpeedBps;
  }

  private static String quote(String s) {
    return s == null ? "nothing" : "'" + s + "'";
  }
}
